import { Alert, Anchor, Badge, Button, Card, Code, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { ReasonDialog } from '../../components/ReasonDialog';
import { MemberName, Pager } from '../../components/lookups';
import { when } from '../../api/data';
import { InstanceStatusBadge } from './WorkflowInstancesPage';
import { WorkflowsTabs } from './WorkflowsPage';

// The canvas loads only when an instance is opened.
const InstancePath = lazy(() => import('./InstancePath'));

type Incident = Schemas['Incident'];
const journalPageSize = 100;

// Journal events that mean something went wrong, or that someone stepped in.
const eventColor: Record<string, string> = { Faulted: 'red.9', Retried: 'indigo.8', Skipped: 'orange.9', Cancelled: 'gray.7', Resolved: 'teal.9', Finished: 'teal.9' };

/** Leaves a failed activity by one of its ports without running it; the hub names the ports when the one given is wrong. */
function SkipDialog({ incident, pending, error, onSkip, onClose }: {
  incident: Incident | null; pending: boolean; error: unknown; onSkip: (port: string) => void; onClose: () => void;
}) {
  const [port, setPort] = useState('');
  const problem = error as Problem | null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSkip(port.trim());
  };
  return (
    <Modal opened={incident !== null} onClose={onClose} title={`Skip "${incident?.activityId}"?`} closeButtonProps={{ 'aria-label': 'Close' }} transitionProps={{ duration: 0 }}>
      <form onSubmit={submit} noValidate>
        <Text size="sm" mb="sm">The instance carries on after {incident?.activityId} ({incident?.activityType}) without running it.</Text>
        {problem && !problem.errors?.port && <Alert color="red.9" role="alert" mb="sm">{describe(problem)}</Alert>}
        <TextInput label="Leave by port" description="Leave empty for Done" value={port} onChange={e => setPort(e.currentTarget.value)} error={problem?.errors?.port?.join(' ')} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button type="submit" loading={pending}>Skip activity</Button>
        </Group>
      </form>
    </Modal>
  );
}

/** One workflow instance: where it stands, what it waits on, its incidents with what can be done about them, and its journal. */
export function WorkflowInstancePage() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const [journalPage, setJournalPage] = useState(1);
  const instance = useQuery({
    queryKey: ['workflow-instances', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/workflow-instances/{id}', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
  });
  const journal = useQuery({
    queryKey: ['workflow-instances', id, 'journal', journalPage],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/workflow-instances/{id}/journal', { params: { path: { id }, query: { Page: journalPage, PageSize: journalPageSize } } });
      if (error) throw error;
      return data;
    },
  });

  const settled = () => queries.invalidateQueries({ queryKey: ['workflow-instances'] });
  const [skipping, setSkipping] = useState<Incident | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const incidentAction = useMutation({
    mutationFn: async ({ incident, action, port }: { incident: Incident; action: 'retry' | 'skip' | 'resolve'; port?: string }) => {
      const path = { id, incidentId: incident.id };
      const { error } = action === 'retry' ? await api.POST('/api/v1/workflow-instances/{id}/incidents/{incidentId}/retry', { params: { path } })
        : action === 'skip' ? await api.POST('/api/v1/workflow-instances/{id}/incidents/{incidentId}/skip', { params: { path }, body: { port: port || null } })
        : await api.POST('/api/v1/workflow-instances/{id}/incidents/{incidentId}/resolve', { params: { path } });
      if (error) throw error;
    },
    onSuccess: () => setSkipping(null),
    onSettled: settled,
  });
  const cancel = useMutation({
    mutationFn: async (reason: string) => {
      const { error } = await api.POST('/api/v1/workflow-instances/{id}/cancel', { params: { path: { id } }, body: { reason: reason || null } });
      if (error) throw error;
    },
    onSuccess: () => setCancelling(false),
    onSettled: settled,
  });

  if (instance.isPending) return <Stack><WorkflowsTabs /><Skeleton h={320} /></Stack>;
  if (instance.isError)
    return (
      <Stack>
        <WorkflowsTabs />
        <Alert color="red.9" role="alert" title="The instance could not be loaded">{describe(instance.error)} Go back to <Anchor component={Link} to="/workflows/instances">the instances</Anchor> and try again.</Alert>
      </Stack>
    );

  const { instance: summary, incidents, bookmarks } = instance.data;
  const faulted = summary.status === 'Faulted';
  const cancellable = ['Running', 'Suspended', 'Faulted'].includes(summary.status);
  const open = incidents.filter(i => !i.resolved);
  return (
    <Stack gap="lg">
      <WorkflowsTabs />
      <div>
        <Anchor component={Link} to="/workflows/instances" size="sm">← Instances</Anchor>
        <Group gap="sm" mt={4} justify="space-between">
          <Group gap="sm">
            <Title order={3}>{summary.definitionId} v{summary.definitionVersion}</Title>
            <InstanceStatusBadge status={summary.status} />
          </Group>
          {cancellable && <Button variant="outline" color="red.9" onClick={() => { cancel.reset(); setCancelling(true); }}>Cancel instance</Button>}
        </Group>
      </div>

      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm"><b>Member:</b> <MemberName id={summary.memberId} /></Text>
          <Text size="sm"><b>Program:</b> {summary.program ?? '—'}</Text>
          <Text size="sm"><b>Started:</b> {when(summary.createdAt)}</Text>
          <Text size="sm"><b>Last change:</b> {when(summary.updatedAt)}</Text>
          {bookmarks.map(b => (
            <Text size="sm" key={b.id}><b>Waiting at {b.activityId}:</b> {b.kind}{b.stimulus ? ` for ${b.stimulus}` : ''}{b.resumeAt ? `, until ${when(b.resumeAt)}` : ''}</Text>
          ))}
        </SimpleGrid>
      </Card>

      <section aria-labelledby="path-title">
        <Title order={4} id="path-title" mb="xs">Path</Title>
        <Text size="sm" c="dimmed" mb="xs">The flow as this instance runs it: the activities it went through are marked, with how often each ran.</Text>
        <Suspense fallback={<Skeleton h={380} />}>
          {journal.data && <InstancePath definitionId={summary.definitionId} version={summary.definitionVersion} journal={journal.data.items} />}
        </Suspense>
      </section>

      <section aria-labelledby="incidents-title">
        <Title order={4} id="incidents-title" mb="xs">Incidents</Title>
        {incidentAction.isError && !skipping && <Alert color="red.9" role="alert" mb="sm">{describe(incidentAction.error)}</Alert>}
        {incidents.length === 0 && <Text size="sm" c="dimmed">No incident: every activity so far ran as it should.</Text>}
        <Stack gap="xs">
          {incidents.map(i => (
            <Paper withBorder p="sm" key={i.id}>
              <Group justify="space-between" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600} size="sm">{i.activityId} <Text span c="dimmed" size="sm">({i.activityType})</Text></Text>
                    <Badge variant="dot" color={i.resolved ? 'gray' : 'red'}>{i.resolved ? 'Resolved' : 'Open'}</Badge>
                  </Group>
                  <Code block mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{i.message}</Code>
                  <Text size="xs" c="dimmed" mt={4}>{when(i.at)} · {i.attempts} attempt{i.attempts === 1 ? '' : 's'}</Text>
                </div>
                {!i.resolved && (
                  <Group gap="xs">
                    {faulted ? (
                      <>
                        <Button size="xs" loading={incidentAction.isPending && incidentAction.variables?.action === 'retry'}
                          onClick={() => { incidentAction.reset(); incidentAction.mutate({ incident: i, action: 'retry' }); }}>Retry</Button>
                        <Button size="xs" variant="outline" onClick={() => { incidentAction.reset(); setSkipping(i); }}>Skip</Button>
                      </>
                    ) : (
                      <Button size="xs" variant="outline" loading={incidentAction.isPending}
                        onClick={() => { incidentAction.reset(); incidentAction.mutate({ incident: i, action: 'resolve' }); }}>Mark resolved</Button>
                    )}
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
        {open.length > 0 && faulted && <Text size="xs" c="dimmed" mt="xs">Retry runs the activity again; Skip carries on without it; Cancel instance stops the flow for this member.</Text>}
      </section>

      <section aria-labelledby="journal-title">
        <Title order={4} id="journal-title" mb="xs">Journal</Title>
        {journal.isError && <Alert color="red.9" role="alert">{describe(journal.error)} Reload the page to try again.</Alert>}
        {journal.isPending ? <Skeleton h={160} /> : journal.data && (
          <>
            <Timeline bulletSize={14} lineWidth={2} aria-label="Journal" component="ol" style={{ listStyle: 'none', paddingLeft: 0 }}>
              {journal.data.items.map(e => (
                <Timeline.Item key={e.id} component="li" color={eventColor[e.event] ?? 'indigo.8'}
                  title={e.activityType === 'Workflow' ? <Text size="sm" fw={600}>{e.event}</Text>
                    : <Text size="sm" fw={600}>{e.event}{e.activityId ? ` · ${e.activityId}` : ''} <Text span size="xs" c="dimmed">{e.activityType}{e.port ? ` → ${e.port}` : ''}</Text></Text>}>
                  {e.message && <Text size="sm" style={{ wordBreak: 'break-word' }}>{e.message}</Text>}
                  <Text size="xs" c="dimmed">{when(e.at)}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
            {journal.data.items.length === 0 && <Text size="sm" c="dimmed">Nothing recorded yet.</Text>}
            <Pager total={journal.data.totalPages} value={journalPage} onChange={setJournalPage} />
          </>
        )}
      </section>

      <SkipDialog incident={skipping} pending={incidentAction.isPending} error={incidentAction.error} onClose={() => setSkipping(null)}
        onSkip={port => skipping && incidentAction.mutate({ incident: skipping, action: 'skip', port })} />
      <ReasonDialog opened={cancelling} onClose={() => setCancelling(false)} title="Cancel this instance?" confirmLabel="Cancel instance" dismissLabel="Keep it running" danger
        reasonDescription="Optional; recorded in the journal" pending={cancel.isPending} error={cancel.error} onConfirm={reason => cancel.mutate(reason)}>
        The flow stops for this member and does nothing more. This cannot be undone.
      </ReasonDialog>
    </Stack>
  );
}
