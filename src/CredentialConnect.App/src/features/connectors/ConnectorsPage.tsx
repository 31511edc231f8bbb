import { Anchor, Badge, Skeleton, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe, type Schemas } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { ConnectorsHeader } from './ConnectorsNav';
import { when } from '../../api/data';
import { ProblemNotice } from '../../components/ProblemNotice';

type Connector = Schemas['ConnectorResponse'];

/** The connector's state in words: paused by the partner, failing, never run, or fine. */
export function connectorState(c: Connector): { label: string; color: string; detail?: string } {
  if (!c.configured) return { label: 'Not configured', color: 'gray' };
  if (c.pausedUntil) return { label: `Paused until ${when(c.pausedUntil)}`, color: 'orange', detail: c.pauseReason ?? undefined };
  const last = lastRun(c);
  if (last?.status === 'Running') return { label: 'Syncing', color: 'blue' };
  const failing = c.streams.find(s => s.lastError);
  if (failing) return { label: 'Failing', color: 'red', detail: failing.lastError ?? undefined };
  return { label: 'Working', color: 'teal' };
}

export function lastRun(c: Connector) {
  return c.streams.map(s => s.lastRun).filter(r => !!r).sort((a, b) => b!.startedAt.localeCompare(a!.startedAt))[0] ?? null;
}

/** Every connector the hub has: whether it is set up, its last run and whether it is failing or paused. */
export function ConnectorsPage() {
  const connectors = useQuery({
    queryKey: ['connectors'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/connectors');
      if (error) throw error;
      return data;
    },
  });

  return (
    <>
      <ConnectorsHeader title="Connectors" />
      {connectors.isError && <ProblemNotice title="Connectors could not be loaded">{describe(connectors.error)} Reload the page to try again.</ProblemNotice>}
      {connectors.isPending ? <Skeleton h={200} /> : connectors.data && (
        <TableRegion label="Connectors" minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>Connector</Table.Th><Table.Th>Does</Table.Th><Table.Th>State</Table.Th><Table.Th>Last run</Table.Th><Table.Th>Last result</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {connectors.data.map(c => {
                const state = connectorState(c);
                const last = lastRun(c);
                return (
                  <Table.Tr key={c.name}>
                    <Table.Td><Anchor component={Link} to={`/connectors/${c.name}`}>{c.name}</Anchor></Table.Td>
                    <Table.Td>{c.kinds.join(', ')}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={state.color}>{state.label}</Badge>
                      {state.detail && <Text size="xs" mt={4} maw={320}>{state.detail}</Text>}
                    </Table.Td>
                    <Table.Td>{last ? when(last.startedAt) : 'Never'}</Table.Td>
                    <Table.Td>{last ? `${last.status}: ${last.received} records in ${last.pages} ${last.pages === 1 ? 'page' : 'pages'}` : '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}
      {connectors.data?.length === 0 && <Text mt="md">This hub has no connectors installed.</Text>}
    </>
  );
}
