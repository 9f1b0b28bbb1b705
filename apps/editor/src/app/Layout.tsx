/**
 * The frame around every signed-in page: a skip link to the page's content,
 * brand, navigation (only the pages the acting role may open, see
 * `access.ts`), language switch, the user and sign-out. Pages without a
 * session go to the login page; a page the acting role may not open reads as
 * one sentence with a way to the role's start page; switching roles moves
 * off a page the new role may not open.
 * Offline, it says so above the page; started offline (the service worker's
 * app shell, no session answer), it shows the offline page. Signing out
 * deletes the user's unsent work from this browser, so it asks first.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { Link, Navigate, NavLink, useLocation, useNavigate } from './router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { KeyRound, LogOut } from 'lucide-react';
import { ApiFailure } from '../api/client.ts';
import { useLogout, useMe } from '../auth/session.ts';
import { outboxItems } from '../cases/outbox.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { RoleSwitch } from '../team/RoleSwitch.tsx';
import { RegistersNavLink } from '../registers/nav.tsx';
import { useOnline } from './online.ts';
import { removeBootPreview } from './boot-data.ts';
import { OfflinePage } from './RouteError.tsx';
import { homeOf, mayOpen } from './access.ts';
import './i18n.ts';
import './shell.css';

/**
 * The skip link's target: the page's heading (the next Tab goes to the
 * page's first control), or else the first thing after the menus.
 */
function skipToContent(): void {
  const app = document.querySelector('.app');
  const target = app?.querySelector<HTMLElement>('h1') ?? app?.querySelector<HTMLElement>(':scope > :not(header):not(.skip-link):not(.offline-banner)');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

export function Layout({ children }: { children: React.ReactNode }) {
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
  // "Bertindak sebagai": a page the new role may not open gives way to the new role's start page.
  const role = me.data?.role;
  const lastRole = useRef(role);
  useEffect(() => {
    if (role && lastRole.current && role !== lastRole.current && !mayOpen(role, location.pathname)) void navigate(homeOf(role), { replace: true });
    lastRole.current = role;
  }, [role, location.pathname, navigate]);
  if (me.isPending) return <div className="splash">{t('common.loading')}</div>;
  if (me.isError && me.error instanceof ApiFailure && me.error.status === 0) return <OfflinePage />;
  if (me.isError) return <div className="splash error-text">{me.error.message}</div>;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const r = me.data.role;
  const allowed = mayOpen(r, location.pathname);
  return (
    <div className="app">
      <a
        href="#"
        className="skip-link"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          skipToContent();
        }}
      >
        {t('shell.skip')}
      </a>
      <header className="app-bar">
        <Link to={homeOf(r)} className="brand" aria-label="Jalur">
          <span className="brand-mark" aria-hidden>
            J
          </span>
          Jalur
        </Link>
        <nav aria-label={t('app.nav')} data-testid="main-nav">
          {r === 'admin_dinas' && <NavLink to="/district">{t('shell.nav.district')}</NavLink>}
          {r !== 'admin_dinas' && <NavLink to="/cases">{t('app.cases')}</NavLink>}
          {mayOpen(r, '/pathways') && <NavLink to="/pathways">{t('app.pathways')}</NavLink>}
          {r === 'admin_dinas' && <NavLink to="/templates">{t('shell.nav.templates')}</NavLink>}
          {(r === 'kepsek' || r === 'guru_bk') && <NavLink to="/reports">{t('app.reports')}</NavLink>}
          {mayOpen(r, '/team') && <NavLink to="/team">{t('team:nav')}</NavLink>}
          {mayOpen(r, '/registers') && <NavLink to="/registers/funds">{t('app.funds')}</NavLink>}
          {r === 'kepsek' && <NavLink to="/staff">{t('app.staff')}</NavLink>}
          {r === 'admin_dinas' && <NavLink to="/staff">{t('app.accounts')}</NavLink>}
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
              // Signing in again comes back here.
              logout.mutate(undefined, { onSettled: () => void navigate('/login', { state: { from: location.pathname + location.search } }) });
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
      {allowed ? (
        children
      ) : (
        <main className="page route-error" data-testid="forbidden" role="alert">
          <h1>{t('shell.forbidden.page', { role: t(`role.${r}`) })}</h1>
          <p>
            <Link to={homeOf(r)} className="btn primary">
              {t('shell.forbidden.home')}
            </Link>
          </p>
        </main>
      )}
    </div>
  );
}
