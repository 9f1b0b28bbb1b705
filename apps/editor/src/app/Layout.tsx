/**
 * The frame around every signed-in page: brand, navigation, language switch,
 * the user and sign-out. Pages without a session go to the login page.
 * Offline, it says so above the page; started offline (the service worker's
 * app shell, no session answer), it shows the offline page. Signing out
 * deletes the user's unsent work from this browser, so it asks first.
 */
import { useLayoutEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KeyRound, LogOut } from 'lucide-react';
import { ApiFailure } from '../api/client.ts';
import { useLogout, useMe } from '../auth/session.ts';
import { outboxItems } from '../cases/outbox.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { RoleSwitch } from '../team/RoleSwitch.tsx';
import { RegistersNavLink } from '../registers/PartnersNav.tsx';
import '../registers/FundsMessages.ts';
import { useOnline } from './online.ts';
import { removeBootPreview } from './boot-data.ts';
import { OfflinePage } from './RouteError.tsx';
import './i18n.ts';

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const online = useOnline();
  // boot.js's first view of a case stays only while the case page is on its way.
  const onCasePage = /^\/cases\/(?!tasks$|students$|flags$|calendar$)[^/]+$/.test(location.pathname);
  useLayoutEffect(() => {
    if (!onCasePage || me.isError || me.data === null) removeBootPreview();
  }, [onCasePage, me.isError, me.data]);
  if (me.isPending) return <div className="splash">{t('common.loading')}</div>;
  if (me.isError && me.error instanceof ApiFailure && me.error.status === 0) return <OfflinePage />;
  if (me.isError) return <div className="splash error-text">{me.error.message}</div>;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <div className="app">
      <header className="app-bar">
        <NavLink to="/pathways" className="brand" aria-label="Jalur">
          <span className="brand-mark" aria-hidden>
            J
          </span>
          Jalur
        </NavLink>
        <nav aria-label={t('app.nav')}>
          <NavLink to="/pathways">{t('app.pathways')}</NavLink>
          <NavLink to="/cases">{t('app.cases')}</NavLink>
          <NavLink to="/reports">{t('app.reports')}</NavLink>
          {me.data.role !== 'admin_dinas' && <NavLink to="/team">{t('team:nav')}</NavLink>}
          {['kepsek', 'guru_bk', 'tim'].includes(me.data.role) && <NavLink to="/registers/funds">{t('funds:nav')}</NavLink>}
          {me.data.role === 'kepsek' && <NavLink to="/staff">{t('app.staff')}</NavLink>}
          {me.data.role === 'admin_dinas' && <NavLink to="/staff">{t('app.accounts')}</NavLink>}
          <RegistersNavLink />
        </nav>
        <div className="app-bar-end">
          <LanguageSwitch />
          <span className="user" data-testid="user-name">
            {me.data.name} <RoleSwitch role={me.data.role} fallback={<span className="muted user-role">· {t(`role.${me.data.role}`)}</span>} />
          </span>
          <NavLink to="/account/password" className="icon-btn" aria-label={t('app.changePassword')} title={t('app.changePassword')} data-testid="change-password-link">
            <KeyRound size={16} />
          </NavLink>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('app.logout')}
            title={t('app.logout')}
            data-testid="logout"
            onClick={() => {
              const unsent = outboxItems().length;
              if (unsent > 0 && !window.confirm(t('shell.logout.unsent', { count: unsent }))) return;
              logout.mutate(undefined, { onSettled: () => void navigate('/login') });
            }}
          >
            <LogOut size={16} />
          </button>
        </div>
      </header>
      {!online && (
        <p className="offline-banner" role="status" data-testid="offline-banner">
          {t('shell.offline.banner')}
        </p>
      )}
      <Outlet />
    </div>
  );
}
