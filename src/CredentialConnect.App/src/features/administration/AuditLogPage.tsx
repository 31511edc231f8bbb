import { Alert, Code, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, describe } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { Pager, useUrlFilters } from '../../components/lookups';

const filters = [
  { key: 'entityType', label: 'What changed', placeholder: 'e.g. Program, Credential' },
  { key: 'entityId', label: 'Its id', placeholder: 'an id or number' },
  { key: 'actor', label: 'Who', placeholder: 'e.g. staff:admin@example.org' },
] as const;

// "2026-12-01" as typed in a date field → the instant the API filters on (start of that day, UTC).
const dayStart = (day: string | null) => (day ? `${day}T00:00:00Z` : undefined);
const nextDayStart = (day: string | null) => (day ? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() : undefined);

/** Who changed what, and when: every change the hub made, newest first, filtered by what, who and when; the filters live in the URL. */
export function AuditLogPage() {
  const { params, page, set: setFilters } = useUrlFilters();
  const value = (key: string) => params.get(key) ?? '';

  const entries = useQuery({
    queryKey: ['audit-log', params.toString()],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/audit-log', {
        params: {
          query: {
            EntityType: value('entityType') || undefined, EntityId: value('entityId') || undefined, Actor: value('actor') || undefined,
            From: dayStart(params.get('from')), To: nextDayStart(params.get('to')), Page: page, PageSize: 25,
          },
        },
      });
      if (error) throw error;
      return data;
    },
  });

  const set = (key: string, v: string) => setFilters({ [key]: v || undefined });

  return (
    <Stack gap="md">
      <Title order={2}>Audit log</Title>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the audit log">
        {filters.map(f => (
          <TextInput key={f.key} label={f.label} placeholder={f.placeholder} defaultValue={value(f.key)} w={{ base: '100%', sm: 220 }}
            onChange={e => set(f.key, e.currentTarget.value.trim())} />
        ))}
        <TextInput type="date" label="From" defaultValue={value('from')} onChange={e => set('from', e.currentTarget.value)} w={{ base: '100%', sm: 160 }} />
        <TextInput type="date" label="To" defaultValue={value('to')} onChange={e => set('to', e.currentTarget.value)} w={{ base: '100%', sm: 160 }} />
      </Group>
      {entries.isError && <Alert color="red.9" role="alert" title="The audit log could not be loaded">{describe(entries.error)}</Alert>}
      {entries.isPending ? <Skeleton h={240} /> : entries.data && (
        <>
          <Text size="sm" c="dimmed" role="status">{entries.data.totalCount} change{entries.data.totalCount === 1 ? '' : 's'}</Text>
          <TableRegion label="Audit log" minWidth={760}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr><Table.Th>When</Table.Th><Table.Th>Who</Table.Th><Table.Th>What</Table.Th><Table.Th>Changes</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.data.items.map(e => (
                  <Table.Tr key={e.id}>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{new Date(e.at).toLocaleString()}</Text></Table.Td>
                    <Table.Td><Text size="sm">{e.actor}</Text></Table.Td>
                    <Table.Td><Text size="sm">{e.action} {e.entityType}</Text><Text size="xs" c="dimmed" ff="monospace">{e.entityId}</Text></Table.Td>
                    <Table.Td><Changes changes={e.changes} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {entries.data.items.length === 0 && <Text c="dimmed">No change matches these filters.</Text>}
          <Pager total={entries.data.totalPages} value={page} onChange={p => set('page', String(p))} />
        </>
      )}
    </Stack>
  );
}

// {"Name":{"from":"A","to":"B"}} → one line per field, as "Name: A → B".
function Changes({ changes }: { changes: unknown }) {
  const fields = Object.entries((changes ?? {}) as Record<string, { from?: unknown; to?: unknown } | unknown>);
  if (fields.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  const show = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <Stack gap={2}>
      {fields.slice(0, 6).map(([name, change]) => {
        const c = change as { from?: unknown; to?: unknown };
        const both = typeof change === 'object' && change !== null && ('from' in c || 'to' in c);
        return (
          <Text key={name} size="xs" style={{ wordBreak: 'break-word' }}>
            <Code>{name}</Code> {both ? `${show(c.from)} → ${show(c.to)}` : show(change)}
          </Text>
        );
      })}
      {fields.length > 6 && <Text size="xs" c="dimmed">and {fields.length - 6} more</Text>}
    </Stack>
  );
}
