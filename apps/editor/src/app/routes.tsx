/**
 * The editor's routes. Every page is its own lazy chunk, so a phone opening a
 * case downloads the case page and not the designer, ELK or the charts; every
 * route has an error element (offline, a chunk that cannot load, a crash).
 * Feature pages (src/cases, src/reports, …) each export `Component`.
 */
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage } from '../auth/LoginPage.tsx';
import { Layout } from './Layout.tsx';
import { PasswordGate } from '../account/PasswordGate.tsx';
import { RouteError } from './RouteError.tsx';

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

/** A signed-in page: lazy, with its own error element (the menu stays usable around it). */
const page = (path: string, lazy: RouteObject['lazy']): RouteObject => ({ path, lazy, errorElement: <RouteError /> });

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
      { index: true, element: <Navigate to="/pathways" replace /> },
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
      page('reports', feature('../reports/ReportsPage.tsx')),
      page('district', feature('../district/DistrictPage.tsx')),
      page('templates', feature('../district/TemplatesPage.tsx')),
      page('migrations', feature('../reports/MigrationPage.tsx')),
      page('staff', feature('../staff/StaffPage.tsx')),
      page('account/password', async () => ({ Component: (await import('../account/ChangePasswordPage.tsx')).Component })),
      { path: '*', lazy: async () => ({ Component: (await import('./NotFound.tsx')).NotFound }) },
    ],
  },
];

export const router = createBrowserRouter(routes);
