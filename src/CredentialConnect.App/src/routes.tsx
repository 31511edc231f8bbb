import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';
import { ApiKeysPage } from './features/administration/ApiKeysPage';
import { AdminOnly } from './components/AdminOnly';
import { ImportsPage } from './features/imports/ImportsPage';
import { ImportBatchPage } from './features/imports/ImportBatchPage';

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'programs', element: <ProgramsPage /> },
        { path: 'administration/api-keys', element: <AdminOnly><ApiKeysPage /></AdminOnly> },
        { path: 'imports', element: <AdminOnly><ImportsPage /></AdminOnly> },
        { path: 'imports/:id', element: <AdminOnly><ImportBatchPage /></AdminOnly> },
      ],
    },
  ],
  { basename: '/admin' },
);
