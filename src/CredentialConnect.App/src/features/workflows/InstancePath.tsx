import { Skeleton, Text } from '@mantine/core';
import { Designer, type Flowchart } from '@credentialconnect/designer';
import { useQuery } from '@tanstack/react-query';
import { api, describe } from '../../api/client';
import { dataOf } from '../../api/data';
import { pathOf } from './SimulationPanel';

/** The flow version an instance runs on, read-only, with the path the instance took highlighted and each activity's run count. */
export default function InstancePath({ definitionId, version, journal }: { definitionId: string; version: number; journal: { activityId: string; event: string }[] }) {
  const catalog = useQuery({ queryKey: ['workflow-activities'], queryFn: () => dataOf(api.GET('/api/v1/workflow-activities')), staleTime: 300_000 });
  const flow = useQuery({
    queryKey: ['workflow-definitions', definitionId, 'versions', version],
    queryFn: () => dataOf(api.GET('/api/v1/workflow-definitions/{definitionId}/versions/{version}', { params: { path: { definitionId, version } } })),
    staleTime: Infinity,
  });
  if (catalog.isError || flow.isError) return <Text size="sm" role="alert">{describe(catalog.error ?? flow.error)}</Text>;
  if (!catalog.data || !flow.data) return <Skeleton h={360} />;
  const root = flow.data.definition.root as Flowchart;
  const ids = new Set((root.activities ?? []).map(a => a.id));
  return <Designer catalog={catalog.data} flow={root} readOnly path={pathOf(journal, ids)} height={380} />;
}
