import { Alert, Anchor, Badge, Button, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { api, describe } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { Pager, usePrograms, useUrlFilters } from '../../components/lookups';
import { when } from '../../api/data';
import { ImportFlow } from './ImportFlow';

/** The workflows area's own sections: flows for all staff; instances and incidents for Admins, who act on them. */
export function WorkflowsTabs() {
  const me = useWhoAmI();
  const { pathname } = useLocation();
  const sections = [
    { to: '/workflows', label: 'Flows' },
    ...(isAdmin(me.data?.roles) ? [{ to: '/workflows/instances', label: 'Instances' }, { to: '/workflows/incidents', label: 'Incidents' }] : []),
  ];
  const current = [...sections].reverse().find(t => pathname === t.to || pathname.startsWith(t.to + '/'))?.to ?? '/workflows';
  return (
    <Stack gap="xs">
      <Title order={2}>Workflows</Title>
      <Group gap="xs" component="nav" aria-label="Workflows">
        {sections.map(t => (
          <Button key={t.to} component={Link} to={t.to} size="xs" variant={t.to === current ? 'filled' : 'default'}
            aria-current={t.to === current ? 'page' : undefined}>{t.label}</Button>
        ))}
      </Group>
    </Stack>
  );
}

/** Turns a flow off or on; the hub says why when it cannot. */
export function useFlowSwitch(definitionId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (disable: boolean) => {
      const options = { params: { path: { definitionId } } };
      const { error } = disable
        ? await api.POST('/api/v1/workflow-definitions/{definitionId}/disable', options)
        : await api.POST('/api/v1/workflow-definitions/{definitionId}/enable', options);
      if (error) throw error;
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['workflow-definitions'] }),
  });
}

export function FlowState({ published, disabled }: { published?: number | null; disabled: boolean }) {
  if (disabled) return <Badge variant="dot" color="gray">Disabled</Badge>;
  return published ? <Badge variant="dot" color="green">Published v{published}</Badge> : <Badge variant="dot" color="yellow">Draft</Badge>;
}

function SwitchButton({ definitionId, name, disabled }: { definitionId: string; name: string; disabled: boolean }) {
  const flip = useFlowSwitch(definitionId);
  return (
    <>
      <Button size="xs" variant="outline" color={disabled ? undefined : 'red.9'} loading={flip.isPending} onClick={() => flip.mutate(!disabled)}
        aria-label={`${disabled ? 'Enable' : 'Disable'} ${name}`}>{disabled ? 'Enable' : 'Disable'}</Button>
      {flip.isError && <Text size="xs" c="red.9" role="alert">{describe(flip.error)}</Text>}
    </>
  );
}

/** Each program's flows: which version starts new instances, whether there is a newer draft, and whether the flow is on. */
export function WorkflowsPage() {
  const me = useWhoAmI();
  const admin = isAdmin(me.data?.roles);
  const programs = usePrograms();
  const { params, page, set } = useUrlFilters();
  const q = params.get('q') ?? '';
  const program = params.get('program');
  const definitions = useQuery({
    queryKey: ['workflow-definitions', { q, program, page }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/workflow-definitions', {
        params: { query: { Q: q || undefined, Program: program ?? undefined, Page: page, PageSize: 25, Sort: 'program' } },
      });
      if (error) throw error;
      return data;
    },
  });

  return (
    <Stack gap="md">
      <WorkflowsTabs />
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
        <TextInput label="Search flows" placeholder="Name or id" defaultValue={q} onChange={e => set({ q: e.currentTarget.value || undefined })} />
        <Select label="Program" placeholder="Any program" clearable searchable value={program} onChange={p => set({ program: p ?? undefined })}
          data={(programs.data ?? []).map(p => ({ value: p.code, label: `${p.code} · ${p.name}` }))} comboboxProps={{ transitionProps: { duration: 0 } }} />
      </SimpleGrid>
      {admin && <ImportFlow />}
      {definitions.isError && <Alert color="red.9" role="alert" title="Flows could not be loaded">{describe(definitions.error)} Reload the page to try again.</Alert>}
      {definitions.isPending ? <Skeleton h={200} /> : definitions.data && (
        <>
          <TableRegion label="Flows" minWidth={720}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr><Table.Th>Program</Table.Th><Table.Th>Flow</Table.Th><Table.Th>State</Table.Th><Table.Th>Latest version</Table.Th><Table.Th>Changed</Table.Th>{admin && <Table.Th>Actions</Table.Th>}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {definitions.data.items.map(d => (
                  <Table.Tr key={d.definitionId}>
                    <Table.Td>{d.program ?? 'All programs'}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/workflows/${encodeURIComponent(d.definitionId)}`} size="sm">{d.name}</Anchor>
                      <Text size="xs" c="dimmed" ff="monospace">{d.definitionId}</Text>
                    </Table.Td>
                    <Table.Td><FlowState published={d.publishedVersion} disabled={!!d.isDisabled} /></Table.Td>
                    <Table.Td>v{d.latestVersion}{d.latestVersion !== d.publishedVersion && d.publishedVersion ? ' (draft)' : ''}</Table.Td>
                    <Table.Td>{when(d.updatedAt)}</Table.Td>
                    {admin && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <SwitchButton definitionId={d.definitionId} name={d.name} disabled={!!d.isDisabled} />
                          <Button size="xs" variant="default" component={Link} to={`/workflows/instances?definition=${encodeURIComponent(d.definitionId)}`}>Instances</Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {definitions.data.items.length === 0 && <Text c="dimmed">No flow matches.</Text>}
          <Pager total={definitions.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
        </>
      )}
    </Stack>
  );
}
