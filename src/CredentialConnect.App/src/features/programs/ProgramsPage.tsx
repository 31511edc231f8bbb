import { Alert, Anchor, Badge, Button, Group, Skeleton, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { Pager, useUrlFilters } from '../../components/lookups';

// "P3Y" → "3 years", "P1Y6M" → "1 year 6 months": the ISO duration as staff say it.
function validity(iso: string | null | undefined) {
  const m = iso ? /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(iso) : null;
  if (!iso) return 'No expiry';
  if (!m) return iso;
  const part = (n: string | undefined, unit: string) => (n ? `${n} ${unit}${n === '1' ? '' : 's'}` : '');
  return [part(m[1], 'year'), part(m[2], 'month'), part(m[3], 'day')].filter(Boolean).join(' ') || iso;
}

export const statusColor: Record<string, string> = { Draft: 'gray', Published: 'green', Retired: 'orange' };

/** Every program, searchable and paged; the search and page live in the URL so the list can be linked. */
export function ProgramsPage() {
  const { params, page, set } = useUrlFilters();
  const q = params.get('q') ?? '';
  const me = useWhoAmI();

  const programs = useQuery({
    queryKey: ['programs', { q, page }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/programs', { params: { query: { Q: q || undefined, Page: page, PageSize: 25, Sort: 'name' } } });
      if (error) throw error;
      return data;
    },
  });

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Programs</Title>
        <Group gap="sm">
          <TextInput aria-label="Search programs" placeholder="Search by code or name" defaultValue={q}
            onChange={e => set({ q: e.currentTarget.value || undefined })} w={280} />
          {isAdmin(me.data?.roles) && <Button component={Link} to="/programs/new">New program</Button>}
        </Group>
      </Group>
      {programs.isError && <Alert color="red.9" role="alert" title="Programs could not be loaded">{describe(programs.error)}</Alert>}
      {programs.isPending ? <Skeleton h={200} /> : programs.data && (
        <>
          <TableRegion label="Programs" minWidth={560}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr><Table.Th>Code</Table.Th><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Status</Table.Th><Table.Th>Valid for</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {programs.data.items.map(p => (
                  <Table.Tr key={p.id}>
                    <Table.Td><Text ff="monospace" size="sm">{p.code}</Text></Table.Td>
                    <Table.Td><Anchor component={Link} to={`/programs/${p.id}`}>{p.name}</Anchor></Table.Td>
                    <Table.Td>{p.kind}</Table.Td>
                    <Table.Td><Badge color={statusColor[p.status] ?? 'gray'} variant="dot">{p.status}</Badge></Table.Td>
                    <Table.Td>{validity(p.validityPeriod)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {programs.data.items.length === 0 && <Text c="dimmed" mt="md">{q ? 'No program matches.' : 'No programs yet.'}</Text>}
          <Pager total={programs.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
        </>
      )}
    </>
  );
}
