import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Designer, type FlowPath, type Flowchart } from '@credentialconnect/designer';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { dataOf } from '../../api/data';
import { isAdmin, useWhoAmI } from '../../api/session';
import { ProblemNotice } from '../../components/ProblemNotice';
import { SimulationPanel } from './SimulationPanel';

type RequestDefinition = paths['/api/v1/workflow-definitions/validate']['post']['requestBody']['content']['application/json'];
type Saved = Schemas['WorkflowDefinitionResponse'];

// A pause in editing this long saves the draft.
const AutoSaveMs = 1200;
// Validation runs this long after the last change, so typing is not slowed by it.
const ValidateMs = 500;

/** The designer for one flow: draw it, see its problems as they arise, simulate it on real members, and publish it. */
export function WorkflowDesignerPage() {
  const { definitionId = '' } = useParams();
  // Another flow (a copy just made, a link followed) starts afresh: its own draft, history and checks.
  return <FlowDesigner key={definitionId} definitionId={definitionId} />;
}

function FlowDesigner({ definitionId }: { definitionId: string }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const admin = isAdmin(useWhoAmI().data?.roles);
  const catalog = useQuery({ queryKey: ['workflow-activities'], queryFn: () => dataOf(api.GET('/api/v1/workflow-activities')), staleTime: 300_000 });
  const latest = useQuery({
    queryKey: ['workflow-definitions', definitionId],
    queryFn: () => dataOf(api.GET('/api/v1/workflow-definitions/{definitionId}', { params: { path: { definitionId } } })),
    refetchOnWindowFocus: false,
  });

  // What the designer edits: the definition as last saved, and the flowchart as it is now.
  const [base, setBase] = useState<Saved | null>(null);
  const [flow, setFlow] = useState<Flowchart | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [path, setPath] = useState<FlowPath | null>(null);
  useEffect(() => {
    if (latest.data && !base) {
      setBase(latest.data);
      setFlow(latest.data.definition.root as Flowchart);
    }
  }, [latest.data, base]);

  // The designer's flowchart types are its own (structural) ones; the request bodies are the generated client's.
  const definitionOf = useCallback((root: Flowchart) => ({ ...base!.definition, root }) as unknown as RequestDefinition, [base]);

  const save = useMutation({
    mutationFn: async (root: Flowchart) => dataOf(api.PUT('/api/v1/workflow-definitions/{definitionId}', {
      params: { path: { definitionId } }, body: { version: base!.version, definition: definitionOf(root) },
    })),
    onSuccess: (saved, root) => {
      setBase(saved);
      if (root === latestFlow.current) setDirty(false);
      queries.setQueryData(['workflow-definitions', definitionId], saved);
    },
  });
  const conflict = (save.error as Problem | null)?.status === 409;

  // Auto-save: a pause after the last change saves the draft, one save at a time.
  const latestFlow = useRef<Flowchart | null>(null);
  latestFlow.current = flow;
  useEffect(() => {
    if (!dirty || !flow || save.isPending || conflict || !admin) return;
    const timer = window.setTimeout(() => save.mutate(flow), AutoSaveMs);
    return () => window.clearTimeout(timer);
  }, [flow, dirty, save, conflict, admin]);

  // Checked continuously: the hub's validator, a moment after each change.
  const [problems, setProblems] = useState<Schemas['WorkflowProblem'][]>([]);
  const [checking, setChecking] = useState(false);
  // It depends on the flow alone: a save (a new row version) changes nothing the validator reads, so it does not restart it.
  const definitionRef = useRef(definitionOf);
  definitionRef.current = definitionOf;
  const loaded = base !== null;
  useEffect(() => {
    if (!flow || !loaded) return;
    let stale = false;
    const timer = window.setTimeout(async () => {
      setChecking(true);
      const { data } = await api.POST('/api/v1/workflow-definitions/validate', { body: definitionRef.current(flow) });
      if (!stale && data) setProblems(data.problems.filter(p => p.severity !== 'Warning'));
      if (!stale) setChecking(false);
    }, ValidateMs);
    return () => { stale = true; window.clearTimeout(timer); };
  }, [flow, loaded]);

  const publish = useMutation({
    mutationFn: async () => dataOf(api.POST('/api/v1/workflow-definitions/{definitionId}/publish', { params: { path: { definitionId } }, body: { version: base!.definitionVersion } })),
    onSuccess: saved => {
      setBase(saved);
      void queries.invalidateQueries({ queryKey: ['workflow-definitions'] });
    },
  });

  const reload = async () => {
    const fresh = await latest.refetch();
    if (fresh.data) {
      save.reset();
      setBase(fresh.data);
      setFlow(fresh.data.definition.root as Flowchart);
      setDirty(false);
      setResetKey(k => k + 1);
    }
  };
  const keepAsCopy = useMutation({
    mutationFn: async () => {
      const copyId = `${definitionId}-copy-${Date.now().toString(36)}`;
      const created = await dataOf(api.POST('/api/v1/workflow-definitions', {
        body: { ...definitionOf(flow!), definitionId: copyId, name: `${base!.name} (my copy)`, isPublished: false } as RequestDefinition,
      }));
      return created.definitionId;
    },
    onSuccess: copyId => navigate(`/workflows/${encodeURIComponent(copyId)}`),
  });

  const onChange = useCallback((next: Flowchart) => {
    setFlow(next);
    setDirty(true);
    setPath(null);
  }, []);

  const events = useMemo(() => (flow?.activities ?? []).filter(a => a.type === 'OnEvent').map(a => String(a.inputs?.eventType ?? '')).filter(Boolean), [flow]);

  if (latest.isError && !base)
    return <ProblemNotice title="This flow could not be loaded"><Text size="sm">{describe(latest.error)} Go back to the flows and open it again.</Text></ProblemNotice>;
  if (catalog.isError) return <ProblemNotice title="The activities could not be loaded"><Text size="sm">{describe(catalog.error)}</Text></ProblemNotice>;
  if (!base || !flow || !catalog.data) return <Skeleton h={600} />;

  const saveState = conflict ? 'Not saved' : save.isPending ? 'Saving…' : dirty ? 'Unsaved changes' : 'All changes saved';
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/workflows" size="sm">← Flows</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2}>{base.name}</Title>
            <Badge variant="dot" color={base.isPublished ? 'green' : 'gray'}>Version {base.definitionVersion} · {base.isPublished ? 'published' : 'draft'}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {base.program ? `For program ${base.program}` : 'For every program'}
            {events.length > 0 ? ` · started by ${events.join(', ')}` : ''}
            {base.definition.cancelOn?.length ? ` · stopped by ${base.definition.cancelOn.join(', ')}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Text size="sm" role="status" aria-live="polite">{saveState}{checking ? ' · checking…' : ''}</Text>
          {admin && <Button variant="default" onClick={() => flow && save.mutate(flow)} disabled={!dirty || save.isPending || conflict}>Save now</Button>}
          {admin && (
            <Button onClick={() => publish.mutate()} loading={publish.isPending}
              disabled={problems.length > 0 || dirty || save.isPending || conflict || base.isPublished}
              title={problems.length > 0 ? 'Fix the problems first' : base.isPublished ? 'This version is published' : undefined}>
              Publish
            </Button>
          )}
          <Button variant="default" component={Link} to={`/workflows/flows/${encodeURIComponent(definitionId)}`}>Versions</Button>
          <Button variant="default" component="a" href={`/api/v1/workflow-definitions/${encodeURIComponent(definitionId)}/export`} download={`${definitionId}.json`}>Export JSON</Button>
        </Group>
      </Group>

      {conflict && (
        <ProblemNotice title="Someone else saved this flow since you opened it.">
          <Text size="sm" mb="sm">Your latest changes are not saved. Reload to get their version, or keep yours as a copy of the flow; nothing is lost either way.</Text>
          <Group gap="xs">
            <Button size="xs" onClick={reload} loading={latest.isFetching}>Reload theirs</Button>
            <Button size="xs" variant="default" onClick={() => keepAsCopy.mutate()} loading={keepAsCopy.isPending}>Keep mine as a copy</Button>
          </Group>
        </ProblemNotice>
      )}
      {save.isError && !conflict && <ProblemNotice title="The draft was not saved"><Text size="sm">{describe(save.error)}</Text></ProblemNotice>}
      {publish.isError && <ProblemNotice title="Not published"><Text size="sm">{describe(publish.error)}</Text></ProblemNotice>}
      {keepAsCopy.isError && <ProblemNotice title="The copy was not made"><Text size="sm">{describe(keepAsCopy.error)}</Text></ProblemNotice>}
      {publish.isSuccess && base.isPublished && <Alert color="green.9" variant="outline" role="status">Version {base.definitionVersion} is published: new instances start on it.</Alert>}

      <Designer catalog={catalog.data} flow={flow} resetKey={resetKey} onChange={onChange} problems={problems} path={path} readOnly={!admin} height={620} />

      <Paper withBorder p="sm" component="section" aria-label="Simulation">
        <SimulationPanel definitionId={definitionId} program={base.program ?? null} version={base.definitionVersion} unsaved={dirty || save.isPending}
          activityIds={new Set((flow.activities ?? []).map(a => a.id))} onPath={setPath} />
      </Paper>
    </Stack>
  );
}
