import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { FlowPath } from '@credentialconnect/designer';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describe, type Schemas } from '../../api/client';
import { dataOf } from '../../api/data';
import { MemberName, MemberSelect, usePrograms } from '../../components/lookups';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TableRegion } from '../../components/TableRegion';

type MemberRun = Schemas['MemberSimulationResponse'];
const MaxMembers = 20;

/** The activities a run went through, in order: what the canvas highlights. */
export function pathOf(journal: { activityId: string; event: string }[], activityIds: Set<string>): FlowPath {
  return { activityIds: journal.filter(e => activityIds.has(e.activityId) && (e.event === 'Completed' || e.event === 'Waiting' || e.event === 'Suspended' || e.event === 'Faulted')).map(e => e.activityId) };
}

/**
 * Simulate before publishing: pick real members (by name, or those who failed this program's exam lately), run the
 * saved draft over their histories on a simulated clock, and read per member what would happen. Nothing is sent.
 */
export function SimulationPanel({ definitionId, program, version, unsaved, activityIds, onPath }: {
  definitionId: string; program: string | null; version: number; unsaved: boolean; activityIds: Set<string>; onPath: (path: FlowPath | null) => void;
}) {
  const [members, setMembers] = useState<string[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const programs = usePrograms();
  const programId = programs.data?.find(p => p.code === program)?.id;

  const failedLately = useMutation({
    mutationFn: async () => {
      const since = Date.now() - 90 * 24 * 3600 * 1000;
      const page = await dataOf(api.GET('/api/v1/exam-attempts', { params: { query: { ProgramId: programId, Page: 1, PageSize: 100, Sort: '-takenAt' } } }));
      return [...new Set(page.items.filter(a => !a.passed && Date.parse(a.takenAt) >= since).map(a => a.memberId))];
    },
    onSuccess: found => setMembers(current => [...new Set([...current, ...found])].slice(0, MaxMembers)),
  });
  const run = useMutation({
    mutationFn: async () => dataOf(api.POST('/api/v1/workflow-definitions/{definitionId}/simulate', { params: { path: { definitionId } }, body: { memberIds: members, version } })),
    onSuccess: result => {
      const first = result.members[0];
      setShown(first?.memberId ?? null);
      onPath(first ? pathOf(first.journal, activityIds) : null);
    },
  });
  const show = (m: MemberRun) => {
    setShown(m.memberId);
    onPath(pathOf(m.journal, activityIds));
  };
  const current = run.data?.members.find(m => m.memberId === shown);

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">Simulate on real members</Title>
      <Text size="sm" c="dimmed">Runs the saved draft over each member's real history on a simulated clock. Nothing is sent and nothing is stored.</Text>
      <Group align="flex-end" gap="xs">
        <MemberSelect label="Add a member" placeholder="Search by name" value={null} w={{ base: '100%', sm: 300 }}
          onChange={id => id && setMembers(current => [...new Set([...current, id])].slice(0, MaxMembers))} />
        {programId && <Button variant="default" onClick={() => failedLately.mutate()} loading={failedLately.isPending}>Add members who failed the exam in the last 90 days</Button>}
        <Button onClick={() => run.mutate()} loading={run.isPending} disabled={members.length === 0 || unsaved} title={unsaved ? 'Wait for the draft to save' : undefined}>Simulate</Button>
      </Group>
      {failedLately.isSuccess && failedLately.data.length === 0 && <Text size="sm">Nobody failed this program's exam in the last 90 days.</Text>}
      {members.length > 0 && (
        <Group gap={6} aria-label="Members to simulate">
          {members.map(id => (
            <Badge key={id} variant="outline" color="gray" rightSection={<button type="button" aria-label="Remove" onClick={() => setMembers(ms => ms.filter(m => m !== id))} style={{ border: 0, background: 'none', cursor: 'pointer' }}>×</button>}>
              <MemberName id={id} />
            </Badge>
          ))}
        </Group>
      )}
      {(run.isError || failedLately.isError) && <ProblemNotice title="The simulation did not run"><Text size="sm">{describe(run.error ?? failedLately.error)}</Text></ProblemNotice>}
      {run.data && (
        <>
          {(run.data.findings ?? []).map((f, i) => <Text key={i} size="sm" c="red.9" role="alert">{f.activityId} · {f.input}: {f.message}</Text>)}
          <Group gap="xs" role="tablist" aria-label="Simulated members">
            {run.data.members.map(m => (
              <Button key={m.memberId} size="xs" role="tab" aria-selected={m.memberId === shown} variant={m.memberId === shown ? 'filled' : 'default'} onClick={() => show(m)}>
                <MemberName id={m.memberId} />
              </Button>
            ))}
          </Group>
          {current && <Timeline run={current} />}
        </>
      )}
    </Stack>
  );
}

/** What would happen to one member, in order: the flow's steps and what it sends, on the simulated clock. */
function Timeline({ run }: { run: MemberRun }) {
  const start = Date.parse(run.journal[0]?.at ?? run.effects[0]?.at ?? new Date().toISOString());
  const rows = [
    ...run.journal.map(e => ({ at: e.at, what: `${e.activityId}: ${e.event}${e.port ? ` → ${e.port}` : ''}`, detail: e.message ?? '', kind: 'step' })),
    ...run.effects.map(e => ({ at: e.at, what: e.kind, detail: e.summary, kind: 'effect' })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === b.kind ? 0 : a.kind === 'step' ? -1 : 1));
  return (
    <Stack gap="xs">
      <Text size="sm">{run.explanation}</Text>
      <TableRegion label="Simulated timeline" minWidth={560}>
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>Day</Table.Th><Table.Th>When</Table.Th><Table.Th>What</Table.Th><Table.Th>Detail</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i} data-kind={r.kind}>
                <Table.Td>{Math.floor((Date.parse(r.at) - start) / 86_400_000)}</Table.Td>
                <Table.Td>{new Date(r.at).toLocaleString()}</Table.Td>
                <Table.Td>{r.kind === 'effect' ? <Badge variant="outline">{r.what}</Badge> : r.what}</Table.Td>
                <Table.Td>{r.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableRegion>
    </Stack>
  );
}
