import { Alert, Anchor, Badge, Button, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe, type Schemas } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { MemberName, MemberSelect, Pager, ProgramName, ProgramSelect, useUrlFilters } from '../../components/lookups';
import { day } from '../../api/data';

export const credentialStatuses: Schemas['CredentialStatus'][] = ['Active', 'Expiring', 'Lapsed', 'Suspended', 'Revoked'];
const statusColor: Record<Schemas['CredentialStatus'], string> = { Active: 'green', Expiring: 'yellow', Lapsed: 'gray', Suspended: 'orange', Revoked: 'red' };

export function CredentialStatusBadge({ status }: { status: Schemas['CredentialStatus'] }) {
  return <Badge variant="dot" color={statusColor[status]}>{status}</Badge>;
}

/** Every credential, found by member, number, program or status; the filters live in the address. */
export function CredentialsPage() {
  const me = useWhoAmI();
  const { params, page, set } = useUrlFilters();
  const number = params.get('number') ?? '';
  const memberId = params.get('member');
  const programId = params.get('program');
  const status = params.get('status') as Schemas['CredentialStatus'] | null;

  const credentials = useQuery({
    queryKey: ['credentials', { number, memberId, programId, status, page }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/credentials', {
        params: { query: { Number: number || undefined, MemberId: memberId ?? undefined, ProgramId: programId ?? undefined, Status: status ?? undefined, Page: page, PageSize: 25, Sort: '-issuedAt' } },
      });
      if (error) throw error;
      return data;
    },
  });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Credentials</Title>
        {isAdmin(me.data?.roles) && <Button component={Link} to="/credentials/bulk-revoke" variant="default" color="red.9">Bulk revoke</Button>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput label="Number" placeholder="e.g. 2026-0001" defaultValue={number} onChange={e => set({ number: e.currentTarget.value.trim() || undefined })} />
        <MemberSelect label="Member" placeholder="Name, email or AMS id" value={memberId} onChange={id => set({ member: id ?? undefined })} />
        <ProgramSelect label="Program" placeholder="Any program" value={programId} onChange={id => set({ program: id ?? undefined })} />
        <Select label="Status" placeholder="Any status" clearable data={credentialStatuses} value={status}
          onChange={s => set({ status: s ?? undefined })} comboboxProps={{ transitionProps: { duration: 0 } }} />
      </SimpleGrid>
      {credentials.isError && <Alert color="red.9" role="alert" title="Credentials could not be loaded">{describe(credentials.error)} Change the filters or reload the page.</Alert>}
      {credentials.isPending ? <Skeleton h={200} /> : credentials.data && (
        <>
          <TableRegion label="Credentials" minWidth={760}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr><Table.Th>Number</Table.Th><Table.Th>Member</Table.Th><Table.Th>Program</Table.Th><Table.Th>Status</Table.Th><Table.Th>Issued</Table.Th><Table.Th>Expires</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {credentials.data.items.map(c => (
                  <Table.Tr key={c.id}>
                    <Table.Td><Anchor component={Link} to={`/credentials/${c.id}`} ff="monospace" size="sm">{c.number}</Anchor></Table.Td>
                    <Table.Td><MemberName id={c.memberId} /></Table.Td>
                    <Table.Td><ProgramName id={c.programId} /></Table.Td>
                    <Table.Td>
                      <CredentialStatusBadge status={c.status} />
                      {c.flaggedAt && <Badge ml="xs" color="orange.9" variant="outline">Needs review</Badge>}
                    </Table.Td>
                    <Table.Td>{day(c.issuedAt)}</Table.Td>
                    <Table.Td>{day(c.expiresAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {credentials.data.items.length === 0 && <Text c="dimmed">No credential matches these filters.</Text>}
          <Pager total={credentials.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
        </>
      )}
    </Stack>
  );
}
