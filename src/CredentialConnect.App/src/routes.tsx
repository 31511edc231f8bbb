import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';
import { ApiKeysPage } from './features/administration/ApiKeysPage';
import { AdminOnly } from './components/AdminOnly';
import { ApplicationsQueuePage } from './features/applications/ApplicationsQueuePage';
import { ApplicationPage } from './features/applications/ApplicationPage';
import { MembersPage } from './features/members/MembersPage';
import { MemberProfilePage } from './features/members/MemberProfilePage';

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'programs', element: <ProgramsPage /> },
        { path: 'applications', element: <ApplicationsQueuePage /> },
        { path: 'applications/:id', element: <ApplicationPage /> },
        { path: 'members', element: <MembersPage /> },
        { path: 'members/:id', element: <MemberProfilePage /> },
        { path: 'administration/api-keys', element: <AdminOnly><ApiKeysPage /></AdminOnly> },
      ],
    },
  ],
  { basename: '/admin' },
);
