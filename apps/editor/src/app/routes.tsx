/**
 * The editor's routes. Case work and reports are lazy modules owned by their
 * own features (src/cases, src/reports); each exports `Component`.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout.tsx';
import { PasswordGate } from '../account/PasswordGate.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { PathwayListPage } from '../pathways/PathwayListPage.tsx';
import { DraftDesignerPage, VersionDesignerPage } from '../designer/DesignerPage.tsx';
import { DiffPage } from '../designer/diff/DiffPage.tsx';
import { NotFound } from './NotFound.tsx';

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

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <PasswordGate>
        <Layout />
      </PasswordGate>
    ),
    children: [
      { index: true, element: <Navigate to="/pathways" replace /> },
      { path: 'pathways', element: <PathwayListPage /> },
      { path: 'pathways/:id', element: <DraftDesignerPage /> },
      { path: 'pathways/:id/versions/:v', element: <VersionDesignerPage /> },
      { path: 'pathways/:id/diff', element: <DiffPage /> },
      { path: 'cases', lazy: feature('../cases/CaseBoardPage.tsx') },
      { path: 'cases/:id', lazy: feature('../cases/CasePage.tsx') },
      { path: 'cases/tasks', lazy: feature('../cases/TasksPage.tsx') },
      { path: 'cases/students', lazy: feature('../cases/StudentsPage.tsx') },
      { path: 'cases/flags', lazy: feature('../cases/FlagsPage.tsx') },
      { path: 'cases/calendar', lazy: feature('../cases/CalendarPage.tsx') },
      { path: 'reports', lazy: feature('../reports/ReportsPage.tsx') },
      { path: 'district', lazy: feature('../district/DistrictPage.tsx') },
      { path: 'templates', lazy: feature('../district/TemplatesPage.tsx') },
      { path: 'migrations', lazy: feature('../reports/MigrationPage.tsx') },
      { path: 'staff', lazy: feature('../staff/StaffPage.tsx') },
      { path: 'account/password', lazy: async () => ({ Component: (await import('../account/ChangePasswordPage.tsx')).Component }) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
