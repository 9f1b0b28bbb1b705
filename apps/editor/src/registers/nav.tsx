/**
 * Which Satgas register pages (`/registers/…`) each role may open, and the
 * main menu's "Daftar Satgas" link. Kept apart from the register pages (and
 * their messages) so the menu on every page loads none of them.
 */
import { NavLink, useLocation } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useMe } from '../auth/session.ts';

export const REGISTER_TABS = [
  { to: '/registers/partners', key: 'nav.partners', roles: ['kepsek', 'guru_bk', 'tim', 'wali_kelas'] },
  { to: '/registers/peers', key: 'nav.peers', roles: ['kepsek', 'guru_bk', 'tim'] },
  { to: '/registers/groups', key: 'nav.groups', roles: ['kepsek', 'guru_bk', 'tim'] },
  { to: '/registers/funds', key: 'nav.funds', roles: ['kepsek', 'guru_bk', 'tim'] },
] as const;

/** The roles that may open each register page. */
export const REGISTER_PAGE_ROLES: Record<'partners' | 'peers' | 'groups', readonly string[]> = {
  partners: REGISTER_TABS[0].roles, peers: REGISTER_TABS[1].roles, groups: REGISTER_TABS[2].roles,
};

/** The page a role lands on from the main menu's "Daftar Satgas". */
export function firstRegisterPage(role: string | undefined): string | null {
  return REGISTER_TABS.find((tab) => role && (tab.roles as readonly string[]).includes(role))?.to ?? null;
}

/** The main menu's "Daftar Satgas": the first register page the acting role may open; lit on every register page but the funds (which has its own entry). */
export function RegistersNavLink() {
  const { t } = useTranslation();
  const role = useMe().data?.role;
  const { pathname } = useLocation();
  const to = firstRegisterPage(role);
  if (!to) return null;
  const here = pathname.startsWith('/registers/') && !pathname.startsWith('/registers/funds');
  return (
    <NavLink to={to} className={() => (here ? 'active' : '')} data-testid="nav-registers">
      {t('app.registers')}
    </NavLink>
  );
}
