import { Alert, Anchor, Button, Group, Pagination, Paper, Skeleton, Stack, Stepper, Table, Text, Title, useMatches } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { describe } from '../../api/client';
import { useLiveProgress } from '../../api/liveProgress';
import { TableRegion } from '../../components/TableRegion';
import { importKinds, isRunning, useImportBatch, useImportErrors, useStartRun, type ImportBatch, type ImportProgressEvent, type ImportStatus } from './importsApi';
import { RunProgress, StatusBadge } from './ImportParts';
import { when } from '../../api/data';

const step: Record<ImportStatus, number> = { Uploaded: 1, Validating: 1, Invalid: 2, Validated: 2, Failed: 2, Committing: 3, Committed: 4 };

/**
 * One import, step by step: dry run, the errors it found or what a commit would change, the commit, the result.
 * Everything shown is read from the hub, so a person who leaves during a long run finds it where it stands.
 */
export function ImportBatchPage() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const batch = useImportBatch(id);
  const start = useStartRun(id);
  const running = batch.data ? isRunning(batch.data.status) : false;
  // Four steps side by side do not fit a phone; there they stack.
  const stepsOrientation = useMatches<'horizontal' | 'vertical'>({ base: 'vertical', sm: 'horizontal' });
  // The stream's messages are progress; its `done` event carries the batch as the run left it.
  const live = useLiveProgress<ImportProgressEvent | ImportBatch>(running ? `/api/v1/imports/${id}/progress` : null);

  useEffect(() => {
    if (!live.done && !live.problem) return;
    void queries.invalidateQueries({ queryKey: ['imports'] });
  }, [live.done, live.problem, queries]);

  if (batch.isPending) return <Skeleton h={240} />;
  if (batch.isError)
    return (
      <Stack gap="md">
        <Title order={2}>Import</Title>
        <Alert color="red.9" role="alert" title="The import could not be loaded">
          {describe(batch.error)} Go back to <Anchor component={Link} to="/imports">the imports</Anchor> and open it again.
        </Alert>
      </Stack>
    );

  const b = batch.data;
  const progress = live.latest && 'stage' in live.latest ? live.latest : null;
  const processed = progress?.processedRows ?? b.progress.processedRows;
  const total = progress?.totalRows ?? b.progress.totalRows;

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Import {b.fileName}</Title>
        <Anchor component={Link} to="/imports">All imports</Anchor>
      </Group>
      <Text size="sm">
        {importKinds[b.kind].label}, {b.mode === 'snapshot' ? 'snapshot' : 'add and update'} · uploaded {when(b.uploadedAt)} by {b.uploadedBy} · <StatusBadge status={b.status} />
      </Text>

      <Stepper active={step[b.status]} size="sm" orientation={stepsOrientation} allowNextStepsSelect={false} aria-label="Import steps">
        <Stepper.Step label="Upload" />
        <Stepper.Step label="Dry run" />
        <Stepper.Step label="Review" />
        <Stepper.Step label="Commit" />
      </Stepper>

      {start.isError && <Alert color="red.9" role="alert">{describe(start.error)}</Alert>}
      {live.problem && <Alert color="red.9" role="alert" title="The run stopped">{live.problem}</Alert>}

      {b.status === 'Uploaded' && (
        <Paper withBorder p="md">
          <Stack gap="sm" align="flex-start">
            <Text>The file is uploaded. A dry run checks every row and changes nothing.</Text>
            <Button onClick={() => start.mutate('dry-run')} loading={start.isPending}>Start the dry run</Button>
          </Stack>
        </Paper>
      )}

      {running && <RunProgress title={b.status === 'Validating' ? 'Dry run: checking every row' : 'Committing: importing every row'} processed={processed} total={total} />}

      {b.status === 'Failed' && (
        <Paper withBorder p="md" role="alert">
          <Stack gap="sm" align="flex-start">
            <Title order={3} size="h4">The last run failed</Title>
            <Text>{b.failureReason ?? 'Nothing was imported.'}</Text>
            <Button onClick={() => start.mutate('dry-run')} loading={start.isPending}>Run the dry run again</Button>
          </Stack>
        </Paper>
      )}

      {b.status === 'Invalid' && <RowErrors batch={b} />}

      {b.status === 'Validated' && (
        <Paper withBorder p="md" aria-labelledby="ready-title">
          <Stack gap="sm" align="flex-start">
            <Title order={3} size="h4" id="ready-title">The dry run found no errors</Title>
            {b.failureReason && <Text>{b.failureReason}</Text>}
            <Text>Committing {b.progress.totalRows.toLocaleString()} rows would make these changes, all or nothing:</Text>
            <Counts batch={b} label="What a commit would change" />
            <Button onClick={() => start.mutate('commit')} loading={start.isPending}>Commit the import</Button>
          </Stack>
        </Paper>
      )}

      {b.status === 'Committed' && (
        <Paper withBorder p="md" role="status" aria-labelledby="result-title">
          <Stack gap="sm" align="flex-start">
            <Title order={3} size="h4" id="result-title">Imported</Title>
            <Text>{b.progress.totalRows.toLocaleString()} rows were imported by {b.committedBy} on {when(b.committedAt)}.</Text>
            <Counts batch={b} label="What the import changed" />
            <Group>
              {b.kind === 'certificants' && <Anchor component={Link} to="/credentials">See the credentials</Anchor>}
              <Anchor component={Link} to="/imports">Import another file</Anchor>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function Counts({ batch, label }: { batch: ImportBatch; label: string }) {
  const rows: [string, number][] = [
    ['Created', batch.counts.created], ['Updated', batch.counts.updated], ['Unchanged (skipped)', batch.counts.unchanged],
  ];
  if (batch.mode === 'snapshot') rows.push(['Removed', batch.counts.removed], ['Kept (acted on since)', batch.counts.kept]);
  return (
    <Table withTableBorder w="auto" miw={280} aria-label={label}>
      <Table.Tbody>
        {rows.map(([name, n]) => (
          <Table.Tr key={name}><Table.Th scope="row">{name}</Table.Th><Table.Td ta="right">{n.toLocaleString()}</Table.Td></Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The dry run's problems, row by row, a page at a time (the page is in the URL), and all of them as a CSV file. */
function RowErrors({ batch }: { batch: ImportBatch }) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('errorsPage') ?? '1') || 1;
  const errors = useImportErrors(batch.id, page, true);

  return (
    <Paper withBorder p="md" aria-labelledby="errors-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id="errors-title">The dry run found {batch.errorCount.toLocaleString()} {batch.errorCount === 1 ? 'error' : 'errors'}</Title>
          <Button component="a" href={`/api/v1/imports/${batch.id}/errors.csv`} download variant="default">Download the errors (CSV)</Button>
        </Group>
        <Text size="sm">Nothing was imported. Fix the file, then <Anchor component={Link} to="/imports">upload it again</Anchor>. Row 1 is the header.</Text>
        {errors.isError && <Alert color="red.9" role="alert">{describe(errors.error)} Reload the page to try again.</Alert>}
        {errors.isPending ? <Skeleton h={160} /> : errors.data && (
          <>
            <TableRegion label="Errors" minWidth={560}>
              <Table striped aria-label="Errors by row">
                <Table.Thead><Table.Tr><Table.Th>Row</Table.Th><Table.Th>Column</Table.Th><Table.Th>Problem</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {errors.data.items.map((e, i) => (
                    <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                      <Table.Td>{e.row === 0 ? 'File' : e.row}</Table.Td>
                      <Table.Td><Text ff="monospace" size="sm">{e.column}</Text></Table.Td>
                      <Table.Td>{e.problem}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
            {errors.data.totalPages > 1 && (
              <Pagination total={errors.data.totalPages} value={page}
                onChange={p => { const next = new URLSearchParams(params); next.set('errorsPage', String(p)); setParams(next, { replace: true }); }}
                getControlProps={c => ({ 'aria-label': c === 'next' ? 'Next page' : c === 'previous' ? 'Previous page' : c })} />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
