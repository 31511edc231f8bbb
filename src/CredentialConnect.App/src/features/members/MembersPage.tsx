import { Alert, Anchor, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe } from '../../api/client';
import { dataOf } from '../../api/data';
import { TableRegion } from '../../components/TableRegion';
import { Pager, useUrlFilters } from '../../components/lookups';

/** Members found by name, email or AMS id; the search and page live in the URL. */
export function MembersPage() {
  const { params, set, page } = useUrlFilters();
  const q = params.get('q') ?? '';
  const members = useQuery({
    queryKey: ['members', { q, page }],
    queryFn: () => dataOf(api.GET('/api/v1/members', { params: { query: { Q: q || undefined, Page: page, PageSize: 25, Sort: 'lastName' } } })),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Members</Title>
        <TextInput label="Search members" placeholder="Name, email or AMS id" defaultValue={q} w={300}
          onChange={e => set({ q: e.currentTarget.value || undefined, page: undefined })} />
      </Group>
      {members.isError && <Alert color="red.9" role="alert" title="Members could not be loaded">{describe(members.error)} Reload the page to try again.</Alert>}
      {members.isPending ? <Skeleton h={200} /> : members.data && (
        <>
          <TableRegion label="Members" minWidth={640}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr><Table.Th>Name</Table.Th><Table.Th>AMS id</Table.Th><Table.Th>Email</Table.Th><Table.Th>Membership</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.items.map(m => (
                  <Table.Tr key={m.id}>
                    <Table.Td><Anchor component={Link} to={`/members/${m.id}`}>{m.lastName}, {m.firstName}</Anchor></Table.Td>
                    <Table.Td><Text ff="monospace" size="sm">{m.amsMemberId}</Text></Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                    <Table.Td>{m.membershipStatus}{m.membershipLevel ? ` · ${m.membershipLevel}` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {members.data.items.length === 0 && <Text c="dimmed">{q ? `No member matches "${q}".` : 'No members yet: they arrive from the AMS sync or an import.'}</Text>}
          <Pager total={members.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
        </>
      )}
    </Stack>
  );
}
