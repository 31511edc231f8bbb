import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';
import { ProgramEditorPage } from './features/programs/ProgramEditorPage';
import { ApiKeysPage } from './features/administration/ApiKeysPage';
import { AdminOnly } from './components/AdminOnly';

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'programs', element: <ProgramsPage /> },
        { path: 'programs/:id', element: <ProgramEditorPage /> },
        { path: 'administration/api-keys', element: <AdminOnly><ApiKeysPage /></AdminOnly> },
      ],
    },
  ],
  { basename: '/admin' },
);
