import { Alert, Anchor, Badge, Select, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe, type Schemas } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { MemberName, MemberSelect, Pager, useUrlFilters } from '../../components/lookups';
import { when } from '../../api/data';
import { WorkflowsTabs } from './WorkflowsPage';

export const workflowStatuses: Schemas['WorkflowStatus'][] = ['Running', 'Suspended', 'Finished', 'Cancelled', 'Faulted'];
const statusColor: Record<string, string> = { Running: 'blue', Suspended: 'indigo', Finished: 'green', Cancelled: 'gray', Faulted: 'red' };

export function InstanceStatusBadge({ status }: { status: string }) {
  return <Badge variant="dot" color={statusColor[status] ?? 'gray'}>{status === 'Suspended' ? 'Waiting' : status}</Badge>;
}

/**
 * Workflow instances, filtered by flow, status and member in the address. With `incidents`, only the instances
 * that have an open incident: the ones that need someone to retry, skip or cancel.
 */
export function WorkflowInstancesPage({ incidents = false }: { incidents?: boolean }) {
  const { params, page, set } = useUrlFilters();
  const definitionId = params.get('definition');
  const status = params.get('status');
  const memberId = params.get('member');

  const flows = useQuery({
    queryKey: ['workflow-definitions', 'all'],
    queryFn: async () => (await api.GET('/api/v1/workflow-definitions', { params: { query: { Page: 1, PageSize: 200 } } })).data?.items ?? [],
  });
  const instances = useQuery({
    queryKey: ['workflow-instances', { incidents, definitionId, status, memberId, page }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/workflow-instances', {
        params: { query: { DefinitionId: definitionId ?? undefined, Status: status ?? undefined, MemberId: memberId ?? undefined,
          HasOpenIncidents: incidents || undefined, Page: page, PageSize: 25, Sort: '-updatedAt' } },
      });
      if (error) throw error;
      return data;
    },
  });

  return (
    <Stack gap="md">
      <WorkflowsTabs />
      {incidents && <Text size="sm">Instances with an open incident: an activity failed, and the instance waits for someone to retry it, skip it or cancel the instance.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label="Flow" placeholder="Any flow" clearable searchable value={definitionId} onChange={d => set({ definition: d ?? undefined })}
          data={(flows.data ?? []).map(f => ({ value: f.definitionId, label: f.name }))} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <Select label="Status" placeholder="Any status" clearable value={status} onChange={s => set({ status: s ?? undefined })}
          data={workflowStatuses.map(s => ({ value: s, label: s === 'Suspended' ? 'Waiting' : s }))} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <MemberSelect label="Member" placeholder="Name, email or AMS id" value={memberId} onChange={id => set({ member: id ?? undefined })} />
      </SimpleGrid>
      {instances.isError && <Alert color="red.9" role="alert" title="Instances could not be loaded">{describe(instances.error)} Change the filters or reload the page.</Alert>}
      {instances.isPending ? <Skeleton h={200} /> : instances.data && (
        <>
          <TableRegion label={incidents ? 'Instances with open incidents' : 'Workflow instances'} minWidth={760}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr><Table.Th>Flow</Table.Th><Table.Th>Member</Table.Th><Table.Th>Status</Table.Th><Table.Th ta="right">Open incidents</Table.Th><Table.Th>Started</Table.Th><Table.Th>Last change</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {instances.data.items.map(i => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/workflows/instances/${i.id}`} size="sm">{flows.data?.find(f => f.definitionId === i.definitionId)?.name ?? i.definitionId}</Anchor>
                      <Text size="xs" c="dimmed">v{i.definitionVersion}{i.program ? ` · ${i.program}` : ''}</Text>
                    </Table.Td>
                    <Table.Td><MemberName id={i.memberId} /></Table.Td>
                    <Table.Td><InstanceStatusBadge status={i.status} /></Table.Td>
                    <Table.Td ta="right">{i.openIncidents ?? 0}</Table.Td>
                    <Table.Td>{when(i.createdAt)}</Table.Td>
                    <Table.Td>{when(i.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
          {instances.data.items.length === 0 && <Text c="dimmed">{incidents ? 'No instance has an open incident.' : 'No instance matches these filters.'}</Text>}
          <Pager total={instances.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
        </>
      )}
    </Stack>
  );
}
