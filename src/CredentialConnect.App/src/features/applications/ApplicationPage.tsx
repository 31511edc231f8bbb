import { Alert, Anchor, Button, Card, Group, List, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { dataOf, day, since, when } from '../../api/data';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { CriterionExplanation, StatusBadge, statusLabel, useAssign } from './applicationParts';

type Form = { properties?: Record<string, { title?: string; items?: Form } & Form> };

// A field's label on the program's form, or its name made readable when the form gives none.
const labelOf = (form: Form | undefined, key: string) =>
  form?.properties?.[key]?.title ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, c => c.toUpperCase());

/** The member's answers, labelled as the program's form labels them; lists and groups are shown nested. */
function Answers({ value, form }: { value: unknown; form?: Form }): ReactNode {
  if (Array.isArray(value))
    return value.length === 0 ? <Text size="sm" c="dimmed">None</Text> : (
      <List size="sm" spacing={4}>{value.map((item, i) => <List.Item key={i}><Answers value={item} form={form} /></List.Item>)}</List>
    );
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <Text size="sm" c="dimmed">No answers.</Text>;
    return (
      <Stack gap="xs" component="dl" m={0}>
        {entries.map(([key, v]) => (
          <div key={key}>
            <Text component="dt" size="sm" fw={600}>{labelOf(form, key)}</Text>
            <Text component="dd" size="sm" m={0}><Answers value={v} form={form?.properties?.[key]?.items ?? form?.properties?.[key]} /></Text>
          </div>
        ))}
      </Stack>
    );
  }
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  return <>{value === null || value === '' ? '—' : String(value)}</>;
}

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/**
 * One application beside the hub's explanation of it: the answers and evidence, each eligibility criterion met or
 * not and why, and the history. A reviewer approves, or rejects with a reason; a decision taken elsewhere meanwhile
 * is said so, with a Reload.
 */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const me = useWhoAmI();
  const admin = isAdmin(me.data?.roles);
  const application = useQuery({
    queryKey: ['applications', id],
    queryFn: () => dataOf(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  });
  const a = application.data;
  const program = useQuery({
    queryKey: ['programs', a?.programId],
    queryFn: () => dataOf(api.GET('/api/v1/programs/{id}', { params: { path: { id: a!.programId } } })),
    enabled: !!a,
  });
  const member = useQuery({
    queryKey: ['members', a?.memberId],
    queryFn: () => dataOf(api.GET('/api/v1/members/{id}', { params: { path: { id: a!.memberId } } })),
    enabled: !!a,
  });
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: () => dataOf(api.GET('/api/v1/staff')),
    enabled: admin,
  });

  const [reason, setReason] = useState('');
  const [decided, setDecided] = useState<Schemas['ApplicationResponse'] | null>(null);
  const decide = useMutation({
    mutationFn: async (verdict: 'approve' | 'reject') => {
      const options = { params: { path: { id } }, body: { reason: reason || null, version: a!.version } };
      return dataOf(verdict === 'approve'
        ? api.POST('/api/v1/applications/{id}/approve', options)
        : api.POST('/api/v1/applications/{id}/reject', options));
    },
    onSuccess: data => {
      setDecided(data);
      setReason('');
      queries.setQueryData(['applications', id], data);
      void queries.invalidateQueries({ queryKey: ['applications'] });
    },
  });
  const assign = useAssign();
  const [assignee, setAssignee] = useState<string | null>(null);

  const reload = () => {
    decide.reset();
    assign.reset();
    void application.refetch();
  };

  if (application.isError)
    return <Alert color="red.9" role="alert" title="The application could not be loaded">{describe(application.error)} Go back to the queue and open it again.</Alert>;
  if (!a) return <Skeleton h={320} />;

  const problem = (decide.error ?? assign.error) as Problem | null;
  const conflict = problem?.status === 409;
  const open = a.status === 'Submitted' || a.status === 'InReview';
  const form = (program.data?.applicationForm ?? undefined) as Form | undefined;
  const memberName = member.data ? `${member.data.firstName} ${member.data.lastName}` : 'Member';
  const mine = !!a.reviewerId && a.reviewerId === me.data?.accountId;
  const noCheck = a.history.find(h => h.from === 'Submitted')?.reason;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/applications" size="sm">← Back to the queue</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{memberName}: {program.data?.code ?? 'application'}</Title>
          <Text size="sm" c="dimmed">{program.data?.name}</Text>
        </div>
        <StatusBadge status={a.status} />
      </Group>
      <Text size="sm">
        {a.submittedAt ? <>Submitted {when(a.submittedAt)}{open && <> · waiting {since(a.submittedAt)}</>}</> : <>Started {when(a.createdAt)}, not submitted</>}
        {' · '}{member.data && <Anchor component={Link} to={`/members/${a.memberId}`}>Member profile ({member.data.amsMemberId})</Anchor>}
      </Text>

      {decided && (
        <Paper withBorder p="md" role="status">
          <Text fw={600}>{decided.status === 'Approved' ? 'Approved.' : 'Rejected.'}</Text>
          <Text size="sm">{decided.decisionReason} The member is told, and the queue no longer lists it as waiting.</Text>
        </Paper>
      )}
      {conflict && (
        <Paper withBorder p="md" role="alert">
          <Text fw={600}>Someone else changed this application meanwhile.</Text>
          <Text size="sm" mb="sm">{describe(problem)} Reload to see it as it is now.</Text>
          <Button size="xs" onClick={reload}>Reload</Button>
        </Paper>
      )}
      {problem && !conflict && !problem.errors?.reason && <Alert color="red.9" role="alert">{describe(problem)}</Alert>}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <Card withBorder component="section" aria-labelledby="answers-title">
            <Title order={3} size="h4" id="answers-title" mb="sm">Answers</Title>
            <Answers value={a.answers} form={form} />
          </Card>
          <Card withBorder component="section" aria-labelledby="evidence-title">
            <Title order={3} size="h4" id="evidence-title" mb="sm">Evidence</Title>
            {a.evidence.length === 0 ? <Text size="sm" c="dimmed">No evidence was attached.</Text> : (
              <List size="sm" spacing="xs">
                {a.evidence.map(e => (
                  <List.Item key={e.id}>
                    <Anchor href={`/api/v1/applications/${a.id}/evidence/${e.id}`} download={e.fileName}>{e.fileName}</Anchor>
                    <Text span size="xs" c="dimmed"> · {kb(e.sizeBytes)} · uploaded {day(e.uploadedAt)} by {e.uploadedBy}</Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </Stack>

        <Card withBorder component="section" aria-labelledby="eligibility-title">
          <Title order={3} size="h4" id="eligibility-title" mb="xs">Eligibility at submission</Title>
          {a.eligibility ? (
            <Stack gap="sm">
              <Text size="sm" fw={600}>
                {a.eligibility.eligible ? 'Meets every criterion.' : `Not every criterion is met: ${Number(a.eligibility.percentReady).toFixed(0)}% ready.`}
              </Text>
              {a.eligibility.criteria && <CriterionExplanation result={a.eligibility.criteria} />}
            </Stack>
          ) : <Text size="sm">{noCheck ?? 'No eligibility check ran for this application.'}</Text>}
        </Card>
      </SimpleGrid>

      {open && (
        <Card withBorder component="section" aria-labelledby="assign-title">
          <Title order={3} size="h4" id="assign-title" mb="xs">Reviewer</Title>
          <Text size="sm" mb="sm">{mine ? 'Assigned to you.' : a.reviewerName ? `Assigned to ${a.reviewerName}.` : a.reviewerId ? 'Assigned to another reviewer.' : 'Nobody has taken it yet.'}</Text>
          <Group align="flex-end" gap="sm">
            {!mine && <Button variant="default" loading={assign.isPending && assign.variables?.reviewerId === 'me'}
              onClick={() => assign.mutate({ id: a.id, reviewerId: 'me', version: a.version })}>Assign to me</Button>}
            {admin && (
              <>
                <Select label="Staff member" placeholder="Choose" w={240} value={assignee} onChange={setAssignee} comboboxProps={{ transitionProps: { duration: 0 } }}
                  data={(staff.data ?? []).map(s => ({ value: s.id, label: `${s.displayName} (${s.roles.join(', ')})` }))}
                  error={(assign.error as Problem | null)?.errors?.reviewerId?.join(' ')} />
                <Button variant="default" disabled={!assignee} loading={assign.isPending && assign.variables?.reviewerId === assignee}
                  onClick={() => assignee && assign.mutate({ id: a.id, reviewerId: assignee, version: a.version })}>Assign</Button>
              </>
            )}
          </Group>
        </Card>
      )}

      {a.status === 'InReview' && (
        <Card withBorder component="form" aria-labelledby="decision-title" noValidate onSubmit={e => e.preventDefault()}>
          <Title order={3} size="h4" id="decision-title" mb="xs">Decision</Title>
          <Textarea label="Reason" description="Required to reject; the member is told. Optional when approving." autosize minRows={2} maw={640}
            value={reason} onChange={e => setReason(e.currentTarget.value)} error={problem?.errors?.reason?.join(' ')} />
          <Group mt="sm">
            <Button color="teal.9" loading={decide.isPending && decide.variables === 'approve'} disabled={decide.isPending}
              onClick={() => decide.mutate('approve')}>Approve</Button>
            <Button color="red.9" variant="outline" loading={decide.isPending && decide.variables === 'reject'} disabled={decide.isPending}
              onClick={() => decide.mutate('reject')}>Reject</Button>
          </Group>
        </Card>
      )}

      {!open && a.decidedAt && (
        <Text size="sm">Decided {when(a.decidedAt)} by {a.decidedBy}: {a.decisionReason}</Text>
      )}

      <Card withBorder component="section" aria-labelledby="history-title">
        <Title order={3} size="h4" id="history-title" mb="sm">History</Title>
        <TableRegion label="History" minWidth={560}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Became</Table.Th><Table.Th>By</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {a.history.map((h, i) => (
                <Table.Tr key={i}><Table.Td>{when(h.changedAt)}</Table.Td><Table.Td>{statusLabel[h.to]}</Table.Td><Table.Td>{h.changedBy}</Table.Td><Table.Td>{h.reason}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      </Card>
    </Stack>
  );
}
