/**
 * The editor's routes. Case work and reports are lazy modules owned by their
 * own features (src/cases, src/reports); each exports `Component`.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { PathwayListPage } from '../pathways/PathwayListPage.tsx';
import { DraftDesignerPage, VersionDesignerPage } from '../designer/DesignerPage.tsx';
import { DiffPage } from '../designer/diff/DiffPage.tsx';
import { NotFound } from './NotFound.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/pathways" replace /> },
      { path: 'pathways', element: <PathwayListPage /> },
      { path: 'pathways/:id', element: <DraftDesignerPage /> },
      { path: 'pathways/:id/versions/:v', element: <VersionDesignerPage /> },
      { path: 'pathways/:id/diff', element: <DiffPage /> },
      { path: 'cases', lazy: () => import('../cases/CaseBoardPage.tsx') },
      { path: 'cases/:id', lazy: () => import('../cases/CasePage.tsx') },
      { path: 'reports', lazy: () => import('../reports/ReportsPage.tsx') },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
