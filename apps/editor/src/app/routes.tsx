/**
 * The editor's routes. Every page is its own lazy chunk, so a phone opening a
 * case downloads the case page and not the designer, ELK or the charts; every
 * route has an error element (offline, a chunk that cannot load, a crash).
 * Feature pages (src/cases, src/reports, …) each export `Component`.
 */
import { lazy, startTransition, Suspense, useEffect, useState, type ComponentType } from 'react';
import { AppRouter, Route, RouteBoundary, Switch, useLocation } from './router.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { Layout } from './Layout.tsx';
import { PasswordGate } from '../account/PasswordGate.tsx';
import { NotFound } from './NotFound.tsx';
import { RouteError } from './RouteError.tsx';
import { Landing } from './Landing.tsx';

/**
 * Feature pages found at build time. A page that is not there yet (its
 * feature is still being written) falls back to a placeholder, so the build
 * never breaks on a missing module.
 */
const featurePages = import.meta.glob<{ Component: ComponentType }>(['../cases/*Page.tsx', '../reports/*Page.tsx', '../district/*Page.tsx', '../staff/*Page.tsx']);

type LazyPage = () => Promise<{ Component: ComponentType }>;

function feature(path: string): LazyPage {
  return async () => {
    const load = featurePages[path];
    if (load) return { Component: (await load()).Component };
    const { Placeholder } = await import('./Placeholder.tsx');
    return { Component: () => <Placeholder title="Jalur" /> };
  };
}

const designer =
  (name: 'DraftDesignerPage' | 'VersionDesignerPage' | 'DiffPage'): LazyPage =>
  async () => ({ Component: (await import('./designer.ts'))[name] });

/**
 * The signed-in pages, most specific first (the first match wins): each a
 * lazy chunk. Code that cannot be fetched (offline, or an old build's chunk)
 * throws while rendering, so the page's boundary shows it in words.
 */
const PAGES: [path: string, load: LazyPage][] = [
  ['/pathways', async () => ({ Component: (await import('../pathways/PathwayListPage.tsx')).PathwayListPage })],
  ['/pathways/:id', designer('DraftDesignerPage')],
  ['/pathways/:id/versions/:v', designer('VersionDesignerPage')],
  ['/pathways/:id/diff', designer('DiffPage')],
  ['/cases', feature('../cases/CaseBoardPage.tsx')],
  ['/cases/tasks', feature('../cases/TasksPage.tsx')],
  ['/cases/students', feature('../cases/StudentsPage.tsx')],
  ['/cases/flags', feature('../cases/FlagsPage.tsx')],
  ['/cases/calendar', feature('../cases/CalendarPage.tsx')],
  ['/cases/rollover', feature('../cases/RolloverPage.tsx')],
  ['/cases/:id', feature('../cases/CasePage.tsx')],
  ['/reports', feature('../reports/ReportsPage.tsx')],
  ['/district', feature('../district/DistrictPage.tsx')],
  ['/templates', feature('../district/TemplatesPage.tsx')],
  ['/migrations', feature('../reports/MigrationPage.tsx')],
  ['/staff', feature('../staff/StaffPage.tsx')],
  ['/team', async () => ({ Component: (await import('../team/TeamPage.tsx')).Component })],
  ['/registers/partners', async () => ({ Component: (await import('../registers/PartnersPage.tsx')).Component })],
  ['/registers/peers', async () => ({ Component: (await import('../registers/PeersPage.tsx')).Component })],
  ['/registers/groups', async () => ({ Component: (await import('../registers/GroupsPage.tsx')).Component })],
  ['/registers/funds', async () => ({ Component: (await import('../registers/FundsPage.tsx')).Component })],
  ['/process/:id?', async () => ({ Component: (await import('../process/ProcessPage.tsx')).Component })],
  ['/account/password', async () => ({ Component: (await import('../account/ChangePasswordPage.tsx')).Component })],
];

const pages = PAGES.map(([path, load]) => [path, lazy(async () => ({ default: (await load()).Component }))] as const);

/**
 * The signed-in app's page for the current address. A new page's code loads
 * in a transition, so the page before it stays on screen (and usable) until
 * the next one can draw, as a link in a plain web page would.
 */
function Pages() {
  const { pathname: path } = useLocation();
  const [shown, setShown] = useState(path);
  useEffect(() => {
    if (path !== shown) startTransition(() => setShown(path));
  }, [path, shown]);
  return (
    <Suspense fallback={null}>
      <Switch location={shown}>
        <Route path="/">
          <Landing />
        </Route>
        {pages.map(([pattern, Page]) => (
          <Route key={pattern} path={pattern}>
            <RouteBoundary fallback={<RouteError />}>
              <Page />
            </RouteBoundary>
          </Route>
        ))}
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </Suspense>
  );
}

/** The whole app: the sign-in page, and every other page inside the password gate and the menu. */
export function AppRoutes() {
  return (
    <AppRouter>
      <RouteBoundary fallback={<RouteError />}>
        <Switch>
          <Route path="/login">
            <LoginPage />
          </Route>
          <Route>
            <PasswordGate>
              <Layout>
                <Pages />
              </Layout>
            </PasswordGate>
          </Route>
        </Switch>
      </RouteBoundary>
    </AppRouter>
  );
}
