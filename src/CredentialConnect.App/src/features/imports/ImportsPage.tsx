import { Alert, Anchor, Badge, Button, FileInput, Group, Pagination, Paper, Radio, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describe, type Problem } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { importKinds, useImportLimits, useImports, useUpload, type ImportKind, type ImportMode } from './importsApi';
import { StatusBadge } from './ImportParts';
import { when } from '../../api/data';

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;

/** Why the file cannot be imported, checked in the browser before it is sent; null when it may be sent. */
function refusal(file: File, limits: { maxFileBytes: number; fileTypes: string[] }) {
  const dot = file.name.lastIndexOf('.');
  const extension = dot < 0 ? '' : file.name.slice(dot).toLowerCase();
  if (!limits.fileTypes.includes(extension))
    return `Only ${limits.fileTypes.join(' and ')} files can be imported; "${file.name}" is neither. Save it as CSV or as an Excel workbook.`;
  if (file.size > limits.maxFileBytes)
    return `The file is larger than the ${megabytes(limits.maxFileBytes)} an import accepts. Split it into smaller files.`;
  if (file.size === 0) return 'The file is empty.';
  return null;
}

/** Spreadsheet imports: upload a file to check it, and every past import with where it stands. */
export function ImportsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const limits = useImportLimits();
  const imports = useImports(page);
  const upload = useUpload();

  const [kind, setKind] = useState<ImportKind>('certificants');
  const [mode, setMode] = useState<ImportMode>('additive');
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const refused = file && limits.data ? refusal(file, limits.data) : null;

  const problem = upload.error as Problem | null;
  const fileError = missingFile ? 'Choose a .csv or .xlsx file.'
    : refused ?? problem?.errors?.file?.join(' ') ?? (problem && !problem.errors ? describe(problem) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setMissingFile(true);
    if (refused) return;
    upload.mutate({ file, kind, mode }, { onSuccess: batch => navigate(`/imports/${batch.id}`) });
  };

  return (
    <Stack gap="lg">
      <Title order={2}>Imports</Title>

      <form onSubmit={submit} noValidate aria-labelledby="upload-title">
        <Stack gap="sm" maw={640}>
          <Title order={3} size="h4" id="upload-title">Upload a spreadsheet</Title>
          <Text size="sm">The file is checked first in a dry run that changes nothing; you then see every problem, or commit it.</Text>
          {limits.isError && <Alert color="red.9" role="alert">{describe(limits.error)} Reload the page to try again.</Alert>}
          <Select label="What the file holds" required allowDeselect={false} value={kind}
            data={Object.entries(importKinds).map(([value, k]) => ({ value, label: k.label }))}
            onChange={v => v && setKind(v as ImportKind)} description={`Columns: ${importKinds[kind].columns}`}
            error={problem?.errors?.kind?.join(' ')} comboboxProps={{ transitionProps: { duration: 0 } }} />
          <Radio.Group label="Mode" value={mode} onChange={v => setMode(v as ImportMode)} error={problem?.errors?.mode?.join(' ')}>
            <Stack gap={6} mt={6}>
              <Radio value="additive" label="Add and update" description="Adds new records and updates those the file changes; nothing is removed." />
              <Radio value="snapshot" label="Snapshot" description="The file is the whole truth for its members: their imported records it no longer lists are removed." />
            </Stack>
          </Radio.Group>
          <FileInput label="Spreadsheet" required placeholder="Choose a .csv or .xlsx file" clearable
            clearButtonProps={{ 'aria-label': 'Remove the file' }} styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            accept={limits.data?.fileTypes.join(',') ?? '.csv,.xlsx'} value={file}
            description={limits.data ? `CSV or Excel workbook, at most ${megabytes(limits.data.maxFileBytes)}` : undefined}
            onChange={f => { setFile(f); setMissingFile(false); upload.reset(); }} error={fileError} />
          <Group><Button type="submit" loading={upload.isPending} disabled={!limits.data}>Upload and check</Button></Group>
        </Stack>
      </form>

      <Stack gap="sm">
        <Title order={3} size="h4">Past imports</Title>
        {imports.isError && <Alert color="red.9" role="alert" title="Past imports could not be loaded">{describe(imports.error)} Reload the page to try again.</Alert>}
        {imports.isPending ? <Skeleton h={160} /> : imports.data && (imports.data.items.length === 0
          ? <Paper withBorder p="md"><Text c="dimmed">No spreadsheet has been imported yet.</Text></Paper>
          : (
            <>
              <TableRegion label="Past imports" minWidth={760}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr><Table.Th>File</Table.Th><Table.Th>Kind</Table.Th><Table.Th>State</Table.Th><Table.Th>Rows</Table.Th><Table.Th>Errors</Table.Th><Table.Th>Uploaded</Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {imports.data.items.map(b => (
                      <Table.Tr key={b.id}>
                        <Table.Td><Anchor component={Link} to={`/imports/${b.id}`}>{b.fileName}</Anchor></Table.Td>
                        <Table.Td>{importKinds[b.kind].label}{b.mode === 'snapshot' && <Badge ml="xs" variant="outline" color="gray.8" size="sm">Snapshot</Badge>}</Table.Td>
                        <Table.Td><StatusBadge status={b.status} /></Table.Td>
                        <Table.Td>{b.progress.totalRows.toLocaleString()}</Table.Td>
                        <Table.Td>{b.errorCount.toLocaleString()}</Table.Td>
                        <Table.Td>{when(b.uploadedAt)}<Text size="xs" c="dimmed">{b.uploadedBy}</Text></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableRegion>
              {imports.data.totalPages > 1 && (
                <Pagination total={imports.data.totalPages} value={page} onChange={p => setParams({ page: String(p) }, { replace: true })}
                  getControlProps={c => ({ 'aria-label': c === 'next' ? 'Next page' : c === 'previous' ? 'Previous page' : c })} />
              )}
            </>
          ))}
      </Stack>
    </Stack>
  );
}
