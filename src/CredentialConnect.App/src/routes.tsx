import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'programs', element: <ProgramsPage /> },
      ],
    },
  ],
  { basename: '/admin' },
);
