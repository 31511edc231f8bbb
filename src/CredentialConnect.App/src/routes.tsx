import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';
import { ApiKeysPage } from './features/administration/ApiKeysPage';
import { AdminOnly } from './components/AdminOnly';
import { ConnectorsPage } from './features/connectors/ConnectorsPage';
import { ConnectorPage } from './features/connectors/ConnectorPage';
import { DeadLettersPage, HeldEventsPage, OutboxPage } from './features/connectors/DeliveryPages';
import { MatchReviewsPage } from './features/connectors/MatchReviewsPage';

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'programs', element: <ProgramsPage /> },
        { path: 'administration/api-keys', element: <AdminOnly><ApiKeysPage /></AdminOnly> },
        { path: 'connectors', element: <AdminOnly><ConnectorsPage /></AdminOnly> },
        { path: 'connectors/outbox', element: <AdminOnly><OutboxPage /></AdminOnly> },
        { path: 'connectors/dead-letters', element: <AdminOnly><DeadLettersPage /></AdminOnly> },
        { path: 'connectors/held-events', element: <AdminOnly><HeldEventsPage /></AdminOnly> },
        { path: 'connectors/match-reviews', element: <AdminOnly><MatchReviewsPage /></AdminOnly> },
        { path: 'connectors/:name', element: <AdminOnly><ConnectorPage /></AdminOnly> },
      ],
    },
  ],
  { basename: '/admin' },
);
