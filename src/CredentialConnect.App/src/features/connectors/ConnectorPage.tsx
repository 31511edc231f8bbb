import { Badge, Button, Group, Paper, PasswordInput, Skeleton, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { useLiveProgress } from '../../api/liveProgress';
import { TableRegion } from '../../components/TableRegion';
import { connectorState, lastRun } from './ConnectorsPage';
import { ConnectorsHeader, ListFooter, usePageParam } from './ConnectorsNav';
import { when } from '../../api/data';
import { ProblemNotice } from '../../components/ProblemNotice';

type Setting = Schemas['ConnectorSettingResponse'];
type Run = Schemas['SyncRunResponse'];

/** One connector: its settings drawn from its own description, a connection test, and its runs, followed live. */
export function ConnectorPage() {
  const { name = '' } = useParams();
  const connector = useQuery({
    queryKey: ['connectors', name],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/connectors/{name}', { params: { path: { name } } });
      if (error) throw error;
      return data;
    },
  });

  const state = connector.data && connectorState(connector.data);
  return (
    <>
      <ConnectorsHeader title={`Connector ${name}`}>
        {state && <Badge variant="dot" color={state.color} size="lg">{state.label}</Badge>}
      </ConnectorsHeader>
      {connector.isError && <ProblemNotice title="This connector could not be loaded">{describe(connector.error)} Check the address, or go back to the list of connectors.</ProblemNotice>}
      {connector.isPending ? <Skeleton h={320} /> : connector.data && (
        <Stack gap="xl">
          {state?.detail && <Paper withBorder p="sm" role="alert"><Text size="sm">{state.detail}</Text></Paper>}
          <SettingsForm connector={connector.data} />
          <ConnectionTest name={name} />
          <Runs connector={connector.data} />
        </Stack>
      )}
    </>
  );
}

// What the form holds: the value typed for each setting; secrets start empty and are sent only when typed.
function initialValues(settings: Setting[]) {
  return Object.fromEntries(settings.map(s => [s.name, s.secret ? '' : s.value ?? '']));
}

function SettingsForm({ connector }: { connector: Schemas['ConnectorResponse'] }) {
  const queries = useQueryClient();
  const settings = connector.settingDescriptors ?? [];
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(settings));
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const initial = initialValues(settings);
      const changes: Record<string, string | null> = {};
      for (const s of settings) {
        const value = values[s.name] ?? '';
        if (s.secret ? value !== '' : value !== initial[s.name]) changes[s.name] = value === '' ? null : value;
      }
      if (Object.keys(changes).length === 0) return null;
      // The document types each value as a string; the API also takes null, which removes a saved setting.
      const body = { settings: changes as Record<string, string> };
      const { data, error } = await api.PUT('/api/v1/connectors/{name}/settings', { params: { path: { name: connector.name } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: data => {
      if (!data) {
        setSaved('Nothing changed.');
        return;
      }
      const cleared = data.secretsCleared?.length ? ` The partner moved to another host, so these secrets were cleared: ${data.secretsCleared.join(', ')}.` : '';
      setSaved(`Settings saved.${cleared}`);
      setValues(initialValues(data.settingDescriptors ?? []));
      queries.setQueryData(['connectors', connector.name], data);
      void queries.invalidateQueries({ queryKey: ['connectors'], exact: true });
    },
  });
  const problem = save.error as Problem | null;
  const errorOf = (s: Setting) => problem?.errors?.[`settings.${s.name}`]?.join(' ');
  const set = (name: string, value: string) => {
    setSaved(null);
    setValues(v => ({ ...v, [name]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-title">
      <Stack gap="sm" maw={640}>
        <Title order={3} id="settings-title">Settings</Title>
        {problem && !problem.errors && <ProblemNotice>{describe(problem)}</ProblemNotice>}
        {problem?.errors && <ProblemNotice>Some settings were not saved: see the fields marked below.</ProblemNotice>}
        {settings.length === 0 && <Text>This connector has no settings.</Text>}
        {settings.map(s => {
          const description = `${s.help}${s.required ? ' Required when enabled.' : ''} Environment variable: ${s.environmentVariable}`;
          if (s.type === 'boolean')
            return <Switch key={s.name} label={s.name} description={description} checked={values[s.name] === 'true'}
              onChange={e => set(s.name, e.currentTarget.checked ? 'true' : 'false')} error={errorOf(s)} />;
          if (s.secret)
            return <PasswordInput key={s.name} label={s.name} description={description} value={values[s.name]} autoComplete="new-password"
              placeholder={s.isSet ? 'Set — type a new value to replace it' : 'Not set'} onChange={e => set(s.name, e.currentTarget.value)}
              error={errorOf(s)} rightSectionWidth={90} />;
          return <TextInput key={s.name} label={s.name} description={description} value={values[s.name]}
            placeholder={s.default ?? undefined} inputMode={s.type === 'integer' || s.type === 'number' ? 'numeric' : undefined}
            type={s.type === 'url' ? 'url' : 'text'} onChange={e => set(s.name, e.currentTarget.value)} error={errorOf(s)} />;
        })}
        <Text size="sm" aria-live="polite">{settings.filter(s => s.secret).map(s => `${s.name}: ${s.isSet ? 'set' : 'not set'}`).join(' · ')}</Text>
        <Group>
          <Button type="submit" loading={save.isPending}>Save settings</Button>
          {saved && <Text size="sm" role="status">{saved}</Text>}
        </Group>
      </Stack>
    </form>
  );
}

function ConnectionTest({ name }: { name: string }) {
  const test = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/v1/connectors/{name}/test', { params: { path: { name } } });
      if (error) throw error;
      return data;
    },
  });
  return (
    <Stack gap="sm" maw={640}>
      <Title order={3}>Connection</Title>
      <Group><Button variant="default" onClick={() => test.mutate()} loading={test.isPending}>Test connection</Button></Group>
      {test.isError && <ProblemNotice>{describe(test.error)}</ProblemNotice>}
      {test.data && (
        <Paper withBorder p="sm" role="status" aria-label="Connection test result">
          <Text fw={600} c={test.data.succeeded ? 'teal.9' : 'red.9'}>
            {test.data.succeeded ? 'The partner answered: the connection works.' : `The connection failed (${test.data.outcome}).`}
          </Text>
          {test.data.detail && <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>{test.data.detail}</Text>}
        </Paper>
      )}
    </Stack>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Runs({ connector }: { connector: Schemas['ConnectorResponse'] }) {
  const name = connector.name;
  const queries = useQueryClient();
  const [page, setPage] = usePageParam();
  const runs = useQuery({
    queryKey: ['connectors', name, 'runs', page],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/connectors/{name}/runs', { params: { path: { name }, query: { Page: page, PageSize: 10 } } });
      if (error) throw error;
      return data;
    },
  });

  // A run already going when the page opens is followed too.
  const running = lastRun(connector);
  const [liveUrl, setLiveUrl] = useState<string | null>(null);
  useEffect(() => {
    if (running?.status === 'Running' && !liveUrl) setLiveUrl(`/api/v1/connectors/${encodeURIComponent(name)}/runs/${running.id}/progress`);
  }, [running?.id, running?.status, name, liveUrl]);
  const live = useLiveProgress<Run>(liveUrl);
  useEffect(() => {
    if (live.done || live.problem) void queries.invalidateQueries({ queryKey: ['connectors'] });
  }, [live.done, live.problem, queries]);

  const sync = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/v1/connectors/{name}/sync', { params: { path: { name } } });
      if (error) throw error;
      return data;
    },
    onSuccess: data => {
      const finished = data.runs[0];
      setLiveUrl(finished
        ? `/api/v1/connectors/${encodeURIComponent(name)}/runs/${finished.id}/progress`
        : `/api/v1/connectors/${encodeURIComponent(name)}/runs/live?since=${encodeURIComponent(data.requestedAt)}`);
    },
  });

  const run = live.latest;
  const going = !!liveUrl && !live.done && !live.problem;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Runs</Title>
        <Button onClick={() => sync.mutate()} loading={sync.isPending} disabled={going}>Sync now</Button>
      </Group>
      {sync.isError && <ProblemNotice>{describe(sync.error)}</ProblemNotice>}
      {liveUrl && (
        <Paper withBorder p="md" role="region" aria-label="Sync progress">
          <Text fw={600} data-testid="sync-progress" aria-live="polite">
            {!run ? 'Waiting for the run to start…'
              : `${run.status === 'Running' ? 'Running' : run.status}: ${plural(run.pages, 'page', 'pages')} fetched, ${plural(run.received, 'record', 'records')} received, ${plural(run.skipped, 'record', 'records')} skipped (already applied or unreadable)`}
          </Text>
          {run && (
            <Group gap="lg" mt="xs" wrap="wrap">
              <Text size="sm">Created {run.created}</Text><Text size="sm">Updated {run.updated}</Text>
              <Text size="sm">Unchanged {run.unchanged}</Text><Text size="sm">Held for review {run.heldForReview}</Text>
            </Group>
          )}
          {(live.problem || run?.error) && <Text c="red.9" mt="xs" role="alert">{live.problem ?? run?.error}</Text>}
        </Paper>
      )}
      {runs.isError && <ProblemNotice title="The run history could not be loaded">{describe(runs.error)} Reload the page to try again.</ProblemNotice>}
      {runs.isPending ? <Skeleton h={160} /> : runs.data && (
        <>
          {runs.data.items.length > 0 && (
            <TableRegion label="Run history" minWidth={880}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Started</Table.Th><Table.Th>Feed</Table.Th><Table.Th>Why</Table.Th><Table.Th>Result</Table.Th><Table.Th>Pages</Table.Th>
                    <Table.Th>Received</Table.Th><Table.Th>Created</Table.Th><Table.Th>Updated</Table.Th><Table.Th>Held</Table.Th><Table.Th>Error</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {runs.data.items.map(r => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{when(r.startedAt)}</Table.Td><Table.Td>{r.stream.split('/').pop()}</Table.Td><Table.Td>{r.trigger}</Table.Td>
                      <Table.Td><Badge variant="dot" color={r.status === 'Failed' ? 'red' : r.status === 'Succeeded' ? 'teal' : 'gray'}>{r.status}</Badge></Table.Td>
                      <Table.Td>{r.pages}</Table.Td><Table.Td>{r.received}</Table.Td><Table.Td>{r.created}</Table.Td><Table.Td>{r.updated}</Table.Td>
                      <Table.Td>{r.heldForReview}</Table.Td><Table.Td><Text size="sm" maw={280} style={{ overflowWrap: 'anywhere' }}>{r.error ?? ''}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          )}
          <ListFooter totalPages={runs.data.totalPages} page={page} onChange={setPage} isEmpty={runs.data.items.length === 0}
            empty="No runs yet. Save the settings, test the connection, then Sync now." />
        </>
      )}
    </Stack>
  );
}
