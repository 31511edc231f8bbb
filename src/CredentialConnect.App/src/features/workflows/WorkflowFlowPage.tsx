import { Alert, Anchor, Badge, Button, Group, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, describe } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { dataOf, when } from '../../api/data';
import { FlowState, useFlowSwitch, WorkflowsTabs } from './WorkflowsPage';

// The comparison's canvas loads only when a flow has two versions to compare.
const VersionCompare = lazy(() => import('./VersionCompare'));

/** One flow: every version, which one starts new instances, and the switch that turns the flow off or on. */
export function WorkflowFlowPage() {
  const { definitionId = '' } = useParams();
  const admin = isAdmin(useWhoAmI().data?.roles);
  const latest = useQuery({
    queryKey: ['workflow-definitions', definitionId],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/workflow-definitions/{definitionId}', { params: { path: { definitionId } } });
      if (error) throw error;
      return data;
    },
  });
  const versions = useQuery({
    queryKey: ['workflow-definitions', definitionId, 'versions'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/workflow-definitions/{definitionId}/versions', { params: { path: { definitionId } } });
      if (error) throw error;
      return data;
    },
  });
  const flip = useFlowSwitch(definitionId);
  const navigate = useNavigate();
  const queries = useQueryClient();
  // Rolling back copies an older version into the draft; publishing it is a separate, deliberate step.
  const rollBack = useMutation({
    mutationFn: async (version: number) => {
      const old = await dataOf(api.GET('/api/v1/workflow-definitions/{definitionId}/versions/{version}', { params: { path: { definitionId, version } } }));
      const current = await dataOf(api.GET('/api/v1/workflow-definitions/{definitionId}', { params: { path: { definitionId } } }));
      return dataOf(api.PUT('/api/v1/workflow-definitions/{definitionId}', {
        params: { path: { definitionId } },
        body: { version: current.version, definition: { ...old.definition, version: current.definitionVersion, isPublished: false } } as never,
      }));
    },
    onSuccess: draft => {
      queries.setQueryData(['workflow-definitions', definitionId], draft);
      void queries.invalidateQueries({ queryKey: ['workflow-definitions', definitionId, 'versions'] });
      navigate(`/workflows/${encodeURIComponent(definitionId)}`);
    },
  });

  const published = versions.data?.find(v => v.isLatestPublished)?.definitionVersion;
  return (
    <Stack gap="md">
      <WorkflowsTabs />
      <Anchor component={Link} to="/workflows" size="sm">← Flows</Anchor>
      {(latest.isError || versions.isError) && (
        <Alert color="red.9" role="alert" title="The flow could not be loaded">{describe(latest.error ?? versions.error)} Go back to the flows and try again.</Alert>
      )}
      {latest.isPending ? <Skeleton h={240} /> : latest.data && (
        <>
          <Group justify="space-between">
            <div>
              <Group gap="sm">
                <Title order={3}>{latest.data.name}</Title>
                <FlowState published={published} disabled={latest.data.isDisabled ?? false} />
              </Group>
              <Text size="sm" c="dimmed"><Text span ff="monospace">{definitionId}</Text> · {latest.data.program ?? 'All programs'}</Text>
            </div>
            {admin && (
              <Group gap="xs">
                <Button variant="outline" color={latest.data.isDisabled ? undefined : 'red.9'} loading={flip.isPending}
                  onClick={() => flip.mutate(!latest.data.isDisabled)}>{latest.data.isDisabled ? 'Enable flow' : 'Disable flow'}</Button>
                <Button variant="default" component={Link} to={`/workflows/${encodeURIComponent(definitionId)}`}>Open in the designer</Button>
                <Button variant="default" component={Link} to={`/workflows/instances?definition=${encodeURIComponent(definitionId)}`}>Instances</Button>
              </Group>
            )}
          </Group>
          {latest.data.isDisabled && <Text size="sm">This flow is disabled: it starts nothing new. Instances already running carry on to their end.</Text>}
          {flip.isError && <Alert color="red.9" role="alert">{describe(flip.error)}</Alert>}
        </>
      )}
      <section aria-labelledby="versions-title">
        <Title order={4} id="versions-title" mb="xs">Versions</Title>
        {versions.isPending ? <Skeleton h={120} /> : versions.data && (
          <TableRegion label="Versions" minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr><Table.Th>Version</Table.Th><Table.Th>State</Table.Th><Table.Th>Created</Table.Th><Table.Th>Published</Table.Th><Table.Th>Changed</Table.Th>{admin && <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.data.map(v => (
                  <Table.Tr key={v.definitionVersion}>
                    <Table.Td>v{v.definitionVersion}</Table.Td>
                    <Table.Td>
                      {v.isLatestPublished ? <Badge variant="dot" color="green">Starts new instances</Badge>
                        : v.isPublished ? <Badge variant="dot" color="gray">Published earlier</Badge>
                        : <Badge variant="dot" color="yellow">Draft</Badge>}
                    </Table.Td>
                    <Table.Td>{when(v.createdAt)}<Text size="xs" c="dimmed">{v.createdBy}</Text></Table.Td>
                    <Table.Td>{when(v.publishedAt)}</Table.Td>
                    <Table.Td>{when(v.updatedAt)}</Table.Td>
                    {admin && (
                      <Table.Td>
                        {v.definitionVersion !== latest.data?.definitionVersion && (
                          <Button size="xs" variant="default" loading={rollBack.isPending && rollBack.variables === v.definitionVersion}
                            onClick={() => rollBack.mutate(v.definitionVersion)}>Roll back to v{v.definitionVersion}</Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
        )}
        {rollBack.isError && <Alert color="red.9" role="alert" mt="xs">{describe(rollBack.error)}</Alert>}
      </section>
      {versions.data && versions.data.length > 1 && (
        <Suspense fallback={<Skeleton h={200} />}>
          <VersionCompare definitionId={definitionId} versions={versions.data.map(v => v.definitionVersion)} />
        </Suspense>
      )}
    </Stack>
  );
}
