import { Badge, Button, Select, Skeleton, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, describe } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { ConnectorsHeader, ListFooter, usePageParam } from './ConnectorsNav';
import { when } from '../../api/data';
import { ProblemNotice } from '../../components/ProblemNotice';

const PageSize = 25;
const statusColor: Record<string, string> = { Pending: 'blue', Delivered: 'teal', DeadLettered: 'red' };

/** Messages waiting for partner systems, delivered, or given up on; filtered by state in the URL. */
export function OutboxPage() {
  const [page, setPage] = usePageParam();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const outbox = useQuery({
    queryKey: ['outbox', { page, status }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/outbox', { params: { query: { Page: page, PageSize, Status: status || undefined } } });
      if (error) throw error;
      return data;
    },
  });
  const filter = (value: string | null) => {
    const next = new URLSearchParams();
    if (value) next.set('status', value);
    setParams(next, { replace: true });
  };

  return (
    <>
      <ConnectorsHeader title="Outbox">
        <Select label="State" data={[{ value: '', label: 'Any state' }, 'Pending', 'Delivered', 'DeadLettered']} value={status} onChange={filter}
          allowDeselect={false} w={200} comboboxProps={{ transitionProps: { duration: 0 } }} />
      </ConnectorsHeader>
      {outbox.isError && <ProblemNotice title="The outbox could not be loaded">{describe(outbox.error)} Reload the page to try again.</ProblemNotice>}
      {outbox.isPending ? <Skeleton h={200} /> : outbox.data && (
        <>
          {outbox.data.items.length > 0 && (
            <TableRegion label="Outbox" minWidth={880}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr><Table.Th>Created</Table.Th><Table.Th>Kind</Table.Th><Table.Th>State</Table.Th><Table.Th>Attempts</Table.Th><Table.Th>Next attempt</Table.Th><Table.Th>Delivered</Table.Th><Table.Th>Last error</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {outbox.data.items.map(m => (
                    <Table.Tr key={m.id}>
                      <Table.Td>{when(m.createdAt)}</Table.Td>
                      <Table.Td>{m.kind}<Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{m.idempotencyKey}</Text></Table.Td>
                      <Table.Td><Badge variant="dot" color={statusColor[m.status] ?? 'gray'}>{m.status}</Badge></Table.Td>
                      <Table.Td>{m.attempts}</Table.Td>
                      <Table.Td>{m.status === 'Pending' ? when(m.nextAttemptAt) : '—'}</Table.Td>
                      <Table.Td>{when(m.deliveredAt)}</Table.Td>
                      <Table.Td><Text size="sm" maw={280} style={{ overflowWrap: 'anywhere' }}>{m.lastError ?? ''}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          )}
          <ListFooter totalPages={outbox.data.totalPages} page={page} onChange={setPage} isEmpty={outbox.data.items.length === 0}
            empty={status ? `No message is ${status}.` : 'The outbox is empty: nothing has been sent to a partner system yet.'} />
        </>
      )}
    </>
  );
}

/** Deliveries the hub gave up on, each replayable once its cause is fixed. */
export function DeadLettersPage() {
  const queries = useQueryClient();
  const [page, setPage] = usePageParam();
  const letters = useQuery({
    queryKey: ['dead-letters', page],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/dead-letters', { params: { query: { Page: page, PageSize } } });
      if (error) throw error;
      return data;
    },
  });
  const replay = useMutation({
    mutationFn: async (id: string) => {
      const { data, error } = await api.POST('/api/v1/dead-letters/{id}/replay', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: ['dead-letters'] });
      void queries.invalidateQueries({ queryKey: ['outbox'] });
    },
  });

  return (
    <>
      <ConnectorsHeader title="Dead letters" />
      <Text mb="md" maw={720}>Replay a delivery once its cause is fixed: it goes back to the outbox and is tried again from its first attempt.</Text>
      {replay.isError && <ProblemNotice mb="md">{describe(replay.error)}</ProblemNotice>}
      {replay.isSuccess && <Text role="status" mb="md">Replayed: the message is back in the outbox.</Text>}
      {letters.isError && <ProblemNotice title="Dead letters could not be loaded">{describe(letters.error)} Reload the page to try again.</ProblemNotice>}
      {letters.isPending ? <Skeleton h={200} /> : letters.data && (
        <>
          {letters.data.items.length > 0 && (
            <TableRegion label="Dead letters" minWidth={760}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr><Table.Th>Given up</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Attempts</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Replay</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {letters.data.items.map(d => (
                    <Table.Tr key={d.id}>
                      <Table.Td>{when(d.deadLetteredAt)}</Table.Td>
                      <Table.Td>{d.kind}</Table.Td>
                      <Table.Td>{d.attempts}</Table.Td>
                      <Table.Td><Text size="sm" maw={360} style={{ overflowWrap: 'anywhere' }}>{d.reason}</Text></Table.Td>
                      <Table.Td>
                        {d.replayedAt
                          ? <Text size="sm">Replayed {when(d.replayedAt)} by {d.replayedBy}</Text>
                          : <Button size="xs" variant="default" loading={replay.isPending && replay.variables === d.id} onClick={() => replay.mutate(d.id)}
                              aria-label={`Replay ${d.kind} given up ${when(d.deadLetteredAt)}`}>Replay</Button>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          )}
          <ListFooter totalPages={letters.data.totalPages} page={page} onChange={setPage} isEmpty={letters.data.items.length === 0}
            empty="No dead letters: every delivery went through or is still being tried." />
        </>
      )}
    </>
  );
}

/** Domain events set aside after their handlers failed every time, released once the cause is fixed. */
export function HeldEventsPage() {
  const queries = useQueryClient();
  const [page, setPage] = usePageParam();
  const held = useQuery({
    queryKey: ['held-events', page],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/held-events', { params: { query: { Page: page, PageSize } } });
      if (error) throw error;
      return data;
    },
  });
  const release = useMutation({
    mutationFn: async (id: string) => {
      const { data, error } = await api.POST('/api/v1/held-events/{id}/release', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: ['held-events'] }),
  });

  return (
    <>
      <ConnectorsHeader title="Held events" />
      <Text mb="md" maw={720}>Release an event once its cause is fixed: its handlers get it again, from the first attempt.</Text>
      {release.isError && <ProblemNotice mb="md">{describe(release.error)}</ProblemNotice>}
      {release.isSuccess && <Text role="status" mb="md">Released: the {release.data.type} event goes to its handlers again.</Text>}
      {held.isError && <ProblemNotice title="Held events could not be loaded">{describe(held.error)} Reload the page to try again.</ProblemNotice>}
      {held.isPending ? <Skeleton h={200} /> : held.data && (
        <>
          {held.data.items.length > 0 && (
            <TableRegion label="Held events" minWidth={760}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr><Table.Th>Held</Table.Th><Table.Th>Event</Table.Th><Table.Th>Happened</Table.Th><Table.Th>Failed attempts</Table.Th><Table.Th>Last failure</Table.Th><Table.Th>Release</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {held.data.items.map(e => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{when(e.heldAt)}</Table.Td><Table.Td>{e.type}</Table.Td><Table.Td>{when(e.occurredAt)}</Table.Td><Table.Td>{e.failedAttempts}</Table.Td>
                      <Table.Td><Text size="sm" maw={360} style={{ overflowWrap: 'anywhere' }}>{e.lastError ?? ''}</Text></Table.Td>
                      <Table.Td><Button size="xs" variant="default" loading={release.isPending && release.variables === e.id} onClick={() => release.mutate(e.id)}
                        aria-label={`Release ${e.type} held ${when(e.heldAt)}`}>Release</Button></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          )}
          <ListFooter totalPages={held.data.totalPages} page={page} onChange={setPage} isEmpty={held.data.items.length === 0}
            empty="No held events: every event reached its handlers." />
        </>
      )}
    </>
  );
}
