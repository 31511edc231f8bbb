import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';
import { ApiKeysPage } from './features/administration/ApiKeysPage';
import { StaffAccountsPage } from './features/administration/StaffAccountsPage';
import { AuditLogPage } from './features/administration/AuditLogPage';
import { AdminOnly } from './components/AdminOnly';

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'programs', element: <ProgramsPage /> },
        { path: 'administration/api-keys', element: <AdminOnly><ApiKeysPage /></AdminOnly> },
        { path: 'administration/staff', element: <AdminOnly><StaffAccountsPage /></AdminOnly> },
        { path: 'administration/audit-log', element: <AdminOnly><AuditLogPage /></AdminOnly> },
      ],
    },
  ],
  { basename: '/admin' },
);
