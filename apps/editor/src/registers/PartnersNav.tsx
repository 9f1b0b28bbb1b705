/**
 * The tabs between the Satgas registers (`/registers/…`): referral partners,
 * peer counsellors, group counselling, and the funds page — each offered to
 * the roles whose API answers it (a wali kelas reads the partners only).
 */
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.ts';
import './PartnersMessages.ts';
import './PartnersPage.css';

const TABS = [
  { to: '/registers/partners', key: 'nav.partners', roles: ['kepsek', 'guru_bk', 'tim', 'wali_kelas'] },
  { to: '/registers/peers', key: 'nav.peers', roles: ['kepsek', 'guru_bk', 'tim'] },
  { to: '/registers/groups', key: 'nav.groups', roles: ['kepsek', 'guru_bk', 'tim'] },
  { to: '/registers/funds', key: 'nav.funds', roles: ['kepsek', 'guru_bk', 'tim'] },
] as const;

/** The roles that may open each register page. */
export const REGISTER_PAGE_ROLES: Record<'partners' | 'peers' | 'groups', readonly string[]> = {
  partners: TABS[0].roles, peers: TABS[1].roles, groups: TABS[2].roles,
};

export function RegisterTabs() {
  const { t } = useTranslation('satgas');
  const role = useMe().data?.role;
  return (
    <nav className="reg-tabs" aria-label={t('nav.label')} data-testid="register-tabs">
      {TABS.filter((tab) => role && (tab.roles as readonly string[]).includes(role)).map((tab) => (
        <NavLink key={tab.to} to={tab.to}>
          {t(tab.key)}
        </NavLink>
      ))}
    </nav>
  );
}

/** The page a role lands on from the main menu's "Daftar Satgas". */
export function firstRegisterPage(role: string | undefined): string | null {
  return TABS.find((tab) => role && (tab.roles as readonly string[]).includes(role))?.to ?? null;
}

/** The main menu's "Daftar Satgas": the first register page the acting role may open; lit on every register page but the funds (which has its own entry). */
export function RegistersNavLink() {
  const { t } = useTranslation('satgas');
  const role = useMe().data?.role;
  const { pathname } = useLocation();
  const to = firstRegisterPage(role);
  if (!to) return null;
  const here = pathname.startsWith('/registers/') && !pathname.startsWith('/registers/funds');
  return (
    <NavLink to={to} className={() => (here ? 'active' : '')} data-testid="nav-registers">
      {t('nav.label')}
    </NavLink>
  );
}
