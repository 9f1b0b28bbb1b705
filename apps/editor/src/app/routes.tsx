/**
 * The editor's routes. Every page is its own lazy chunk, so a phone opening a
 * case downloads the case page and not the designer, ELK or the charts; every
 * route has an error element (offline, a chunk that cannot load, a crash).
 * Feature pages (src/cases, src/reports, …) each export `Component`.
 */
import { startTransition, Suspense, use, useEffect, useState, type ComponentType } from 'react';
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

/**
 * Each page's code, fetched once: by the first render that needs it, or
 * earlier by `preloadPage`. Once it is here the page draws at once, without
 * suspending: a Suspense fallback, once shown, holds the page back for
 * React's reveal throttle (300 ms).
 */
interface PageLoader {
  pattern: string;
  match: RegExp;
  module: { Component: ComponentType } | null;
  promise: ReturnType<LazyPage> | null;
  load: LazyPage;
}
const loaders: PageLoader[] = PAGES.map(([pattern, load]) => ({
  pattern,
  // `/cases/:id` → ^/cases/([^/]+)/?$ ; `/process/:id?` → ^/process(?:/([^/]+))?/?$
  match: new RegExp(`^${pattern.replace(/\/:\w+\?/g, '(?:/([^/]+))?').replace(/\/:\w+/g, '/([^/]+)')}/?$`),
  module: null,
  promise: null,
  load,
}));

function loadPage(l: PageLoader): ReturnType<LazyPage> {
  return (l.promise ??= l.load().then((m) => (l.module = m)));
}

/** A page: drawn at once when its code is here, else suspended until it is (a failure goes to the page's boundary). */
function Page({ loader }: { loader: PageLoader }) {
  const { Component } = loader.module ?? use(loadPage(loader));
  return <Component />;
}

/** The page the switch picks for `path`: the first pattern that matches (none for `/` and unknown paths). */
function loaderFor(path: string): PageLoader | undefined {
  return loaders.find((l) => l.match.test(path));
}

/**
 * Starts fetching the code of the page at `path` (the first pattern that
 * matches, as the switch picks it), so it comes in while the signed-in user
 * is still being asked for instead of after: the designer's chunk is large.
 * A failure is left to the page's own boundary.
 */
function preloadPage(path: string): void {
  const loader = loaderFor(path);
  if (loader) loadPage(loader).catch(() => undefined);
}
if (typeof window !== 'undefined') preloadPage(window.location.pathname);

/**
 * The signed-in app's page for the current address. The address a page
 * shows moves on only once the next page's code is here, so the page before
 * stays on screen (and usable) meanwhile, as a link in a plain web page
 * would, and nothing suspends: a Suspense fallback, once shown, would hold
 * the next page back for React's reveal throttle (300 ms). A page whose code
 * cannot load is shown anyway, and its boundary says why.
 */
function Pages() {
  const { pathname: path } = useLocation();
  const ready = (p: string) => loaderFor(p)?.module !== null;
  const [shown, setShown] = useState<string | null>(() => (ready(path) ? path : null));
  useEffect(() => {
    if (path === shown) return;
    const show = () => startTransition(() => setShown(path));
    const loader = loaderFor(path);
    if (!loader || loader.module) return show();
    let current = true;
    loadPage(loader).then(
      () => current && show(),
      () => current && show(),
    );
    return () => {
      current = false;
    };
  }, [path, shown]);
  if (shown === null) return null;
  return (
    <Suspense fallback={null}>
      <Switch location={shown}>
        <Route path="/">
          <Landing />
        </Route>
        {loaders.map((loader) => (
          <Route key={loader.pattern} path={loader.pattern}>
            <RouteBoundary fallback={<RouteError />}>
              <Page loader={loader} />
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
  const { pathname } = useLocation();
  useEffect(() => preloadPage(pathname), [pathname]);
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
