/**
 * The tabs between the Satgas registers (`/registers/…`): referral partners,
 * peer counsellors, group counselling, and the funds page — each offered to
 * the roles whose API answers it (a wali kelas reads the partners only).
 */
import { NavLink } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useMe } from '../auth/session.ts';
import { REGISTER_TABS } from './nav.tsx';
import './PartnersMessages.ts';
import './PartnersPage.css';

export { REGISTER_PAGE_ROLES } from './nav.tsx';

export function RegisterTabs() {
  const { t } = useTranslation('satgas');
  const role = useMe().data?.role;
  return (
    <nav className="reg-tabs" aria-label={t('nav.label')} data-testid="register-tabs">
      {REGISTER_TABS.filter((tab) => role && (tab.roles as readonly string[]).includes(role)).map((tab) => (
        <NavLink key={tab.to} to={tab.to}>
          {t(tab.key)}
        </NavLink>
      ))}
    </nav>
  );
}
