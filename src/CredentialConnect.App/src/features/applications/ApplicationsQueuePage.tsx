import { Alert, Anchor, Button, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe } from '../../api/client';
import { dataOf, day, since } from '../../api/data';
import { useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { Pager, usePrograms, useProgramCode, useUrlFilters } from '../../components/lookups';
import { StatusBadge, useAssign, WAITING } from './applicationParts';

const statuses = [
  { value: WAITING, label: 'Waiting for review' },
  { value: 'InReview', label: 'In review' },
  { value: 'Approved', label: 'Approved' },
  { value: 'Rejected', label: 'Rejected' },
  { value: 'Withdrawn', label: 'Withdrawn' },
  { value: 'Draft', label: 'Draft' },
  { value: 'all', label: 'Any status' },
];

const assignees = [
  { value: 'anyone', label: 'Anyone' },
  { value: 'me', label: 'Assigned to me' },
  { value: 'unassigned', label: 'Unassigned' },
];

/**
 * The review queue: applications waiting for a decision, oldest first, with how long each has waited. Filters and
 * page live in the URL; a reviewer takes an application with "Assign to me".
 */
export function ApplicationsQueuePage() {
  const { params, set, page } = useUrlFilters();
  const status = params.get('status') ?? WAITING;
  const programId = params.get('program') ?? '';
  const assignee = params.get('assignee') ?? 'anyone';
  const q = params.get('q') ?? '';
  const me = useWhoAmI();
  const programs = usePrograms();
  const name = useProgramCode();
  const assign = useAssign();

  const queue = useQuery({
    queryKey: ['applications', { status, programId, assignee, q, page }],
    queryFn: () => dataOf(api.GET('/api/v1/applications', {
      params: {
        query: {
          Status: status === 'all' ? undefined : status, ProgramId: programId || undefined, Assignee: assignee === 'anyone' ? undefined : assignee,
          Q: q || undefined, Page: page, PageSize: 25, Sort: status === WAITING || status === 'InReview' ? 'submittedAt' : '-createdAt',
        },
      },
    })),
  });

  return (
    <Stack gap="md">
      <Title order={2}>Applications</Title>
      <Group align="flex-end" gap="sm">
        <Select label="Status" data={statuses} value={status} allowDeselect={false} w={200}
          onChange={v => set({ status: v === WAITING ? undefined : v ?? undefined, page: undefined })} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <Select label="Program" placeholder="All programs" clearable w={200} value={programId || null}
          data={(programs.data ?? []).map(p => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
          onChange={v => set({ program: v ?? undefined, page: undefined })} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <Select label="Assigned" data={assignees} value={assignee} allowDeselect={false} w={180}
          onChange={v => set({ assignee: v === 'anyone' ? undefined : v ?? undefined, page: undefined })} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <TextInput label="Search" placeholder="Member, email, AMS id, program" defaultValue={q} w={300}
          onChange={e => set({ q: e.currentTarget.value || undefined, page: undefined })} />
      </Group>

      {assign.isError && <Alert color="red.9" role="alert" title="Not assigned">{describe(assign.error)}</Alert>}
      {queue.isError && <Alert color="red.9" role="alert" title="The queue could not be loaded">{describe(queue.error)} Reload the page to try again.</Alert>}
      {queue.isPending ? <Skeleton h={200} /> : queue.data && (
        <>
          <TableRegion label="Applications" minWidth={840}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Member</Table.Th><Table.Th>Program</Table.Th><Table.Th>Status</Table.Th><Table.Th>Submitted</Table.Th>
                  <Table.Th>Waiting</Table.Th><Table.Th>Assigned to</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.items.map(a => {
                  const open = a.status === 'Submitted' || a.status === 'InReview';
                  const mine = !!a.reviewerId && a.reviewerId === me.data?.accountId;
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Td><Anchor component={Link} to={`/applications/${a.id}`}>{a.memberName || 'Unnamed member'}</Anchor></Table.Td>
                      <Table.Td><Text ff="monospace" size="sm">{a.programCode || name(a.programId)}</Text></Table.Td>
                      <Table.Td><StatusBadge status={a.status} /></Table.Td>
                      <Table.Td>{day(a.submittedAt)}</Table.Td>
                      <Table.Td>{open && a.submittedAt ? since(a.submittedAt) : a.decidedAt ? `Decided ${day(a.decidedAt)}` : '—'}</Table.Td>
                      <Table.Td>{mine ? 'You' : a.reviewerName ?? (a.reviewerId ? 'Another reviewer' : 'Nobody yet')}</Table.Td>
                      <Table.Td>
                        {open && !mine && (
                          <Button size="xs" variant="default" loading={assign.isPending && assign.variables?.id === a.id}
                            onClick={() => assign.mutate({ id: a.id, reviewerId: 'me', version: a.version })}
                            aria-label={`Assign to me: ${a.memberName}'s application`}>Assign to me</Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {queue.data.items.length === 0 && (
            <Text c="dimmed">{status === WAITING ? 'Nothing is waiting for review with these filters.' : 'No application matches these filters.'}</Text>
          )}
          {queue.data.totalCount > 0 && <Text size="sm" c="dimmed">{queue.data.totalCount} application{queue.data.totalCount === 1 ? '' : 's'}</Text>}
          <Pager total={queue.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
        </>
      )}
    </Stack>
  );
}
