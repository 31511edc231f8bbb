import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './features/auth/SignInPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ProgramsPage } from './features/programs/ProgramsPage';
import { ProgramEditorPage } from './features/programs/ProgramEditorPage';
import { ApiKeysPage } from './features/administration/ApiKeysPage';
import { StaffAccountsPage } from './features/administration/StaffAccountsPage';
import { AuditLogPage } from './features/administration/AuditLogPage';
import { AssociationSettingsPage } from './features/administration/AssociationSettingsPage';
import { AdminOnly } from './components/AdminOnly';
import { NoSuchScreen, ScreenError } from './components/ScreenError';
import { CredentialsPage } from './features/credentials/CredentialsPage';
import { CredentialPage } from './features/credentials/CredentialPage';
import { BulkRevokePage } from './features/credentials/BulkRevokePage';
import { CeAuditsPage } from './features/ceaudits/CeAuditsPage';
import { CeAuditPage } from './features/ceaudits/CeAuditPage';
import { WorkflowsPage } from './features/workflows/WorkflowsPage';
import { WorkflowFlowPage } from './features/workflows/WorkflowFlowPage';
import { WorkflowInstancesPage } from './features/workflows/WorkflowInstancesPage';
import { WorkflowInstancePage } from './features/workflows/WorkflowInstancePage';
import { ApplicationsQueuePage } from './features/applications/ApplicationsQueuePage';
import { ApplicationPage } from './features/applications/ApplicationPage';
import { MembersPage } from './features/members/MembersPage';
import { MemberProfilePage } from './features/members/MemberProfilePage';
import { ConnectorsPage } from './features/connectors/ConnectorsPage';
import { ConnectorPage } from './features/connectors/ConnectorPage';
import { DeadLettersPage, HeldEventsPage, OutboxPage } from './features/connectors/DeliveryPages';
import { MatchReviewsPage } from './features/connectors/MatchReviewsPage';
import { ImportsPage } from './features/imports/ImportsPage';
import { ImportBatchPage } from './features/imports/ImportBatchPage';

// The designer (the canvas and its layout engine) loads only when a flow is opened.
const WorkflowDesignerPage = lazy(() => import('./features/workflows/WorkflowDesignerPage').then(m => ({ default: m.WorkflowDesignerPage })));

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage />, errorElement: <ScreenError /> },
    {
      element: <Shell />,
      errorElement: <ScreenError />,
      children: [
        {
          // A screen that breaks shows what to do inside the console, with the navigation still there.
          errorElement: <ScreenError />,
          children: [
            { index: true, element: <DashboardPage /> },
            { path: 'programs', element: <ProgramsPage /> },
            { path: 'applications', element: <ApplicationsQueuePage /> },
            { path: 'applications/:id', element: <ApplicationPage /> },
            { path: 'members', element: <MembersPage /> },
            { path: 'members/:id', element: <MemberProfilePage /> },
            { path: 'programs/:id', element: <ProgramEditorPage /> },
            { path: 'administration/api-keys', element: <AdminOnly><ApiKeysPage /></AdminOnly> },
            { path: 'administration/staff', element: <AdminOnly><StaffAccountsPage /></AdminOnly> },
            { path: 'administration/audit-log', element: <AdminOnly><AuditLogPage /></AdminOnly> },
            { path: 'administration/settings', element: <AdminOnly><AssociationSettingsPage /></AdminOnly> },
            { path: 'credentials', element: <CredentialsPage /> },
            { path: 'credentials/bulk-revoke', element: <AdminOnly><BulkRevokePage /></AdminOnly> },
            { path: 'credentials/:id', element: <CredentialPage /> },
            { path: 'ce-audits', element: <CeAuditsPage /> },
            { path: 'ce-audits/:id', element: <CeAuditPage /> },
            { path: 'workflows', element: <WorkflowsPage /> },
            { path: 'workflows/flows/:definitionId', element: <WorkflowFlowPage /> },
            { path: 'workflows/:definitionId', element: <Suspense fallback={<Loader aria-label="Loading the designer" m="xl" />}><WorkflowDesignerPage /></Suspense> },
            { path: 'workflows/instances', element: <AdminOnly><WorkflowInstancesPage /></AdminOnly> },
            { path: 'workflows/instances/:id', element: <AdminOnly><WorkflowInstancePage /></AdminOnly> },
            { path: 'workflows/incidents', element: <AdminOnly><WorkflowInstancesPage incidents /></AdminOnly> },
            { path: 'connectors', element: <AdminOnly><ConnectorsPage /></AdminOnly> },
            { path: 'connectors/outbox', element: <AdminOnly><OutboxPage /></AdminOnly> },
            { path: 'connectors/dead-letters', element: <AdminOnly><DeadLettersPage /></AdminOnly> },
            { path: 'connectors/held-events', element: <AdminOnly><HeldEventsPage /></AdminOnly> },
            { path: 'connectors/match-reviews', element: <AdminOnly><MatchReviewsPage /></AdminOnly> },
            { path: 'connectors/:name', element: <AdminOnly><ConnectorPage /></AdminOnly> },
            { path: 'imports', element: <AdminOnly><ImportsPage /></AdminOnly> },
            { path: 'imports/:id', element: <AdminOnly><ImportBatchPage /></AdminOnly> },
            { path: '*', element: <NoSuchScreen /> },
          ],
        },
      ],
    },
  ],
  { basename: '/admin' },
);
