/**
 * The editor's routes. Every page is its own lazy chunk, so a phone opening a
 * case downloads the case page and not the designer, ELK or the charts; every
 * route has an error element (offline, a chunk that cannot load, a crash).
 * Feature pages (src/cases, src/reports, …) each export `Component`.
 */
import { createBrowserRouter, type RouteObject } from './router.tsx';
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
const featurePages = import.meta.glob<{ Component: React.ComponentType }>(['../cases/*Page.tsx', '../reports/*Page.tsx', '../district/*Page.tsx', '../staff/*Page.tsx']);

function feature(path: string) {
  return async () => {
    const load = featurePages[path];
    if (load) return { Component: (await load()).Component };
    const { Placeholder } = await import('./Placeholder.tsx');
    return { Component: () => <Placeholder title="Jalur" /> };
  };
}

const designer = (name: 'DraftDesignerPage' | 'VersionDesignerPage' | 'DiffPage') => async () => ({ Component: (await import('./designer.ts'))[name] });

type LazyPage = () => Promise<{ Component: React.ComponentType }>;

/**
 * A signed-in page: lazy, with its own error element (the menu stays usable
 * around it). Code that cannot be fetched (offline, or an old build's chunk)
 * becomes a page that throws while rendering, so the error element shows it:
 * a rejected `lazy` alone leaves the outlet empty.
 */
const page = (path: string, lazy: LazyPage): RouteObject => ({
  path,
  errorElement: <RouteError />,
  lazy: async () => {
    try {
      return await lazy();
    } catch (error) {
      return {
        Component: () => {
          throw error;
        },
      };
    }
  },
});

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    element: (
      <PasswordGate>
        <Layout />
      </PasswordGate>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Landing /> },
      page('pathways', async () => ({ Component: (await import('../pathways/PathwayListPage.tsx')).PathwayListPage })),
      page('pathways/:id', designer('DraftDesignerPage')),
      page('pathways/:id/versions/:v', designer('VersionDesignerPage')),
      page('pathways/:id/diff', designer('DiffPage')),
      page('cases', feature('../cases/CaseBoardPage.tsx')),
      page('cases/:id', feature('../cases/CasePage.tsx')),
      page('cases/tasks', feature('../cases/TasksPage.tsx')),
      page('cases/students', feature('../cases/StudentsPage.tsx')),
      page('cases/flags', feature('../cases/FlagsPage.tsx')),
      page('cases/calendar', feature('../cases/CalendarPage.tsx')),
      page('cases/rollover', feature('../cases/RolloverPage.tsx')),
      page('reports', feature('../reports/ReportsPage.tsx')),
      page('district', feature('../district/DistrictPage.tsx')),
      page('templates', feature('../district/TemplatesPage.tsx')),
      page('migrations', feature('../reports/MigrationPage.tsx')),
      page('staff', feature('../staff/StaffPage.tsx')),
      page('team', async () => ({ Component: (await import('../team/TeamPage.tsx')).Component })),
      page('registers/partners', async () => ({ Component: (await import('../registers/PartnersPage.tsx')).Component })),
      page('registers/peers', async () => ({ Component: (await import('../registers/PeersPage.tsx')).Component })),
      page('registers/groups', async () => ({ Component: (await import('../registers/GroupsPage.tsx')).Component })),
      page('registers/funds', async () => ({ Component: (await import('../registers/FundsPage.tsx')).Component })),
      page('process/:id?', async () => ({ Component: (await import('../process/ProcessPage.tsx')).Component })),
      page('account/password', async () => ({ Component: (await import('../account/ChangePasswordPage.tsx')).Component })),
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
