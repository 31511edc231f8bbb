import { Group, List, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Designer, diffFlows, marksOf, type Flowchart } from '@credentialconnect/designer';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describe } from '../../api/client';
import { dataOf } from '../../api/data';

const connection = (c: { source: { activity: string; port?: string }; target: { activity: string } }) => `${c.source.activity} (${c.source.port}) → ${c.target.activity}`;

/** Any two versions side by side: what was added, removed and changed, listed and marked on the newer one's canvas. */
export default function VersionCompare({ definitionId, versions }: { definitionId: string; versions: number[] }) {
  const newest = Math.max(...versions);
  const [from, setFrom] = useState(String(versions.length > 1 ? newest - 1 : newest));
  const [to, setTo] = useState(String(newest));
  const catalog = useQuery({ queryKey: ['workflow-activities'], queryFn: () => dataOf(api.GET('/api/v1/workflow-activities')), staleTime: 300_000 });
  const load = (version: string) => ({
    queryKey: ['workflow-definitions', definitionId, 'versions', Number(version)],
    queryFn: () => dataOf(api.GET('/api/v1/workflow-definitions/{definitionId}/versions/{version}', { params: { path: { definitionId, version: Number(version) } } })),
  });
  const older = useQuery(load(from));
  const newer = useQuery(load(to));
  const options = versions.map(v => ({ value: String(v), label: `v${v}` }));
  const failed = older.error ?? newer.error ?? catalog.error;

  let body;
  if (failed) body = <Text size="sm" role="alert">{describe(failed)}</Text>;
  else if (!older.data || !newer.data || !catalog.data) body = <Skeleton h={200} />;
  else {
    const before = older.data.definition.root as Flowchart;
    const after = newer.data.definition.root as Flowchart;
    const diff = diffFlows(before, after);
    const none = !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.connectionsAdded.length && !diff.connectionsRemoved.length;
    body = (
      <Stack gap="xs">
        {none ? <Text size="sm">No difference in activities or connections.</Text> : (
          <List size="sm" aria-label="Differences">
            {diff.added.map(id => <List.Item key={`a${id}`}>Added {id}</List.Item>)}
            {diff.removed.map(id => <List.Item key={`r${id}`}>Removed {id}</List.Item>)}
            {diff.changed.map(c => <List.Item key={`c${c.id}`}>Changed {c.id}: {c.fields.join(', ')}</List.Item>)}
            {diff.connectionsAdded.map(c => <List.Item key={`ca${connection(c)}`}>Connected {connection(c)}</List.Item>)}
            {diff.connectionsRemoved.map(c => <List.Item key={`cr${connection(c)}`}>Disconnected {connection(c)}</List.Item>)}
          </List>
        )}
        <Text size="xs" c="dimmed">The canvas shows v{to}; new activities are marked New, changed ones Changed.</Text>
        <Designer key={`${from}-${to}`} catalog={catalog.data} flow={after} readOnly marks={marksOf(diff)} height={360} />
      </Stack>
    );
  }
  return (
    <section aria-labelledby="compare-title">
      <Title order={4} id="compare-title" mb="xs">Compare versions</Title>
      <Group gap="xs" mb="xs">
        <Select label="From" data={options} value={from} onChange={v => v && setFrom(v)} w={110} allowDeselect={false} />
        <Select label="To" data={options} value={to} onChange={v => v && setTo(v)} w={110} allowDeselect={false} />
      </Group>
      {body}
    </section>
  );
}
