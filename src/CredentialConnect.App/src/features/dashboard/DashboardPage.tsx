import { Alert, Card, Group, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describe } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';

type Count = { label: string; count: number | null; hint: string };

// A list's total, or null when this person may not see that list (a Reviewer and the connectors' queues).
async function totalOf(request: () => Promise<{ data?: { totalCount: number }; response: Response; error?: unknown }>) {
  const { data, response, error } = await request();
  if (response.status === 403) return null;
  if (error || !data) throw error ?? new Error(`The hub answered ${response.status}.`);
  return data.totalCount;
}

const one = { Page: 1, PageSize: 1 };

// Submitted and in review are both waiting for a decision.
async function waitingApplications() {
  const counts = await Promise.all(['Submitted', 'InReview'].map(Status =>
    totalOf(() => api.GET('/api/v1/applications', { params: { query: { ...one, Status } } }))));
  return counts.some(c => c === null) ? null : counts.reduce((sum, c) => sum! + c!, 0);
}

/** What needs staff attention now, and how many credentials were issued month by month. */
export function DashboardPage() {
  const attention = useQuery({
    queryKey: ['dashboard', 'attention'],
    queryFn: async (): Promise<Count[]> => [
      { label: 'Applications waiting for review', hint: 'Submitted or in review, not yet decided',
        count: await waitingApplications() },
      { label: 'Workflow incidents', hint: 'Instances stopped on an error',
        count: await totalOf(() => api.GET('/api/v1/workflow-instances', { params: { query: { ...one, HasOpenIncidents: true } } })) },
      { label: 'Dead letters', hint: 'Deliveries that gave up',
        count: await totalOf(() => api.GET('/api/v1/dead-letters', { params: { query: one } })) },
      { label: 'Held events', hint: 'Events about someone the hub does not know',
        count: await totalOf(() => api.GET('/api/v1/held-events', { params: { query: one } })) },
      { label: 'Match reviews', hint: 'Partner records that match more than one member',
        count: await totalOf(() => api.GET('/api/v1/match-reviews', { params: { query: { ...one, Status: 'Open' } } })) },
    ],
  });

  const issued = useQuery({
    queryKey: ['dashboard', 'credentials-issued'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/dashboard/credentials-issued', { params: { query: { Months: 12 } } });
      if (error) throw error;
      return data;
    },
  });
  const [view, setView] = useState<'chart' | 'table'>('chart');

  return (
    <Stack gap="lg">
      <Title order={2}>Dashboard</Title>

      <section aria-labelledby="attention-title">
        <Title order={3} size="h4" id="attention-title" mb="sm">Needs attention</Title>
        {attention.isError && <Alert color="red.9" role="alert" title="Could not load">{describe(attention.error)}</Alert>}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }}>
          {attention.isPending
            ? Array.from({ length: 5 }, (_, i) => <Skeleton key={i} h={96} />)
            : attention.data?.filter(c => c.count !== null).map(c => (
              <Card key={c.label} withBorder padding="md">
                <Text size="xl" fw={700} c={c.count ? 'red.9' : 'dark'}>{c.count}</Text>
                <Text fw={600} size="sm">{c.label}</Text>
                <Text size="xs" c="dimmed">{c.hint}</Text>
              </Card>
            ))}
        </SimpleGrid>
      </section>

      <Card withBorder component="section" aria-labelledby="issued-title">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="issued-title">Credentials issued per month</Title>
          <SegmentedControl size="xs" value={view} onChange={v => setView(v as 'chart' | 'table')} aria-label="Show as"
            data={[{ label: 'Chart', value: 'chart' }, { label: 'Table', value: 'table' }]} />
        </Group>
        {issued.isError && <Alert color="red.9" role="alert">{describe(issued.error)}</Alert>}
        {issued.isPending ? <Skeleton h={260} /> : issued.data && (view === 'chart'
          ? (
            <div role="img" aria-label="Credentials issued per month, as a bar chart; the table view lists the same numbers.">
              <BarChart h={260} data={issued.data} dataKey="month" series={[{ name: 'count', label: 'Credentials', color: 'indigo.8' }]}
                tickLine="y" yAxisProps={{ allowDecimals: false }} barProps={{ isAnimationActive: false }} />
            </div>
          )
          : (
            <TableRegion label="Credentials issued per month, as a table" minWidth={300}>
              <Table striped aria-label="Credentials issued per month">
                <Table.Thead><Table.Tr><Table.Th>Month</Table.Th><Table.Th ta="right">Credentials</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {issued.data.map(m => <Table.Tr key={m.month}><Table.Td>{m.month}</Table.Td><Table.Td ta="right">{m.count}</Table.Td></Table.Tr>)}
                </Table.Tbody>
              </Table>
            </TableRegion>
          ))}
      </Card>
    </Stack>
  );
}
