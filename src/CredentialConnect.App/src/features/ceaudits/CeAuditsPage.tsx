import { Alert, Anchor, Button, Group, NumberInput, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { Pager, ProgramName, ProgramSelect, useUrlFilters } from '../../components/lookups';
import { when } from '../../api/data';

const numberOrNull = (v: string | number) => (v === '' ? null : Number(v));

/** Draws a CE audit sample for a program; the seed is shown so the same draw can be made again. Admins only. */
function DrawSample() {
  const queries = useQueryClient();
  const [programId, setProgramId] = useState<string | null>(null);
  const [percent, setPercent] = useState<string | number>('');
  const [seed, setSeed] = useState<string | number>('');
  const [within, setWithin] = useState<string | number>('');
  const [drawn, setDrawn] = useState<Schemas['CeAuditResponse'] | null>(null);

  const draw = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/v1/programs/{programId}/ce-audits', {
        params: { path: { programId: programId! } },
        body: { percent: numberOrNull(percent), seed: numberOrNull(seed), renewingWithinDays: numberOrNull(within) },
      });
      if (error) throw error;
      return data as Schemas['CeAuditResponse'];
    },
    onSuccess: audit => {
      setDrawn(audit);
      void queries.invalidateQueries({ queryKey: ['ce-audits'] });
    },
  });
  const problem = draw.error as Problem | null;
  const [programError, setProgramError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProgramError(programId ? null : 'Choose the program to audit.');
    if (programId) draw.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="draw-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="draw-title">Draw a sample</Title>
          <Text size="sm" c="dimmed">Picks renewing certificants at random. Leave a box empty to use the program's own setting, and the seed empty for a new random draw.</Text>
          {problem && !problem.errors && <Alert color="red.9" role="alert">{describe(problem)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <ProgramSelect label="Program" required value={programId} onChange={setProgramId} error={programError} />
            <NumberInput label="Sample percent" min={0} max={100} value={percent} onChange={setPercent} error={problem?.errors?.percent?.join(' ')} />
            <NumberInput label="Renewing within (days)" min={1} value={within} onChange={setWithin} error={problem?.errors?.renewingWithinDays?.join(' ')} />
            <NumberInput label="Seed" description="To repeat an earlier draw" allowDecimal={false} value={seed} onChange={setSeed} error={problem?.errors?.seed?.join(' ')} />
          </SimpleGrid>
          <Group><Button type="submit" loading={draw.isPending}>Draw sample</Button></Group>
        </Stack>
      </form>
      {drawn && (
        <Paper withBorder p="sm" mt="md" role="status" aria-labelledby="drawn-title">
          <Title order={4} size="h5" id="drawn-title">Sample drawn: {drawn.selections.length} of {drawn.populationCount} renewing certificants</Title>
          <Text size="sm" mt={4}>Seed <Text span ff="monospace" fw={700} data-testid="drawn-seed">{drawn.seed}</Text>: the same seed over the same certificants draws the same members again.</Text>
          <Anchor component={Link} to={`/ce-audits/${drawn.id}`} size="sm">Open the audit</Anchor>
        </Paper>
      )}
    </Paper>
  );
}

/** CE audits, newest first, with how their selections stand; Admins draw new ones here. */
export function CeAuditsPage() {
  const me = useWhoAmI();
  const { params, page, set } = useUrlFilters();
  const programId = params.get('program');
  const audits = useQuery({
    queryKey: ['ce-audits', { programId, page }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/ce-audits', { params: { query: { programId: programId ?? undefined, Page: page, PageSize: 25 } } });
      if (error) throw error;
      return data;
    },
  });

  return (
    <Stack gap="lg">
      <Title order={2}>CE audits</Title>
      {isAdmin(me.data?.roles) && <DrawSample />}
      <section aria-labelledby="audits-title">
        <Group justify="space-between" align="flex-end" mb="sm">
          <Title order={3} size="h4" id="audits-title">Audits</Title>
          <ProgramSelect label="Program" placeholder="Any program" value={programId} onChange={id => set({ program: id ?? undefined })} w={280} />
        </Group>
        {audits.isError && <Alert color="red.9" role="alert" title="Audits could not be loaded">{describe(audits.error)} Reload the page to try again.</Alert>}
        {audits.isPending ? <Skeleton h={160} /> : audits.data && (
          <>
            <TableRegion label="CE audits" minWidth={760}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr><Table.Th>Drawn</Table.Th><Table.Th>Program</Table.Th><Table.Th>Sample</Table.Th><Table.Th>Seed</Table.Th><Table.Th ta="right">Open</Table.Th><Table.Th ta="right">Passed</Table.Th><Table.Th ta="right">Failed</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {audits.data.items.map(a => (
                    <Table.Tr key={a.id}>
                      <Table.Td><Anchor component={Link} to={`/ce-audits/${a.id}`} size="sm">{when(a.createdAt)}</Anchor><Text size="xs" c="dimmed">{a.createdBy}</Text></Table.Td>
                      <Table.Td><ProgramName id={a.programId} /></Table.Td>
                      <Table.Td>{a.samplePercent}% of {a.populationCount}</Table.Td>
                      <Table.Td ff="monospace">{a.seed}</Table.Td>
                      <Table.Td ta="right">{a.open}</Table.Td>
                      <Table.Td ta="right">{a.passed}</Table.Td>
                      <Table.Td ta="right">{a.failed}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
            {audits.data.items.length === 0 && <Text c="dimmed" mt="sm">No audit has been drawn{programId ? ' for this program' : ''} yet.</Text>}
            <Pager total={audits.data.totalPages} value={page} onChange={p => set({ page: String(p) })} />
          </>
        )}
      </section>
    </Stack>
  );
}
