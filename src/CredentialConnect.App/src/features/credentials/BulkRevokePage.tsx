import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { MemberName, Pager, ProgramName, ProgramSelect } from '../../components/lookups';
import { day } from '../../api/data';
import { CredentialStatusBadge, credentialStatuses } from './CredentialsPage';

const pageSize = 50;

// Pasted numbers, one per line or separated by commas or spaces.
const numbersIn = (text: string) => text.split(/[\s,;]+/).map(n => n.trim()).filter(Boolean);

/**
 * Revoking many credentials at once: choose them, see exactly which the hub would take, type the count to confirm,
 * and the hub revokes that set or, if it changed since the preview, nothing.
 */
export function BulkRevokePage() {
  const [programId, setProgramId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [numbers, setNumbers] = useState('');
  const [reason, setReason] = useState('');
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState('');

  const preview = useMutation({
    mutationFn: async (previewPage: number) => {
      const pasted = numbersIn(numbers);
      const { data, error } = await api.POST('/api/v1/credentials/bulk-revoke/preview', {
        params: { query: { Page: previewPage, PageSize: pageSize, Sort: 'number' } },
        body: { programId, status: status as Schemas['CredentialStatus'] | null, credentialNumbers: pasted.length ? pasted : null, reason },
      });
      if (error) throw error;
      return data;
    },
    onSuccess: (_, previewPage) => setPage(previewPage),
  });
  const revoke = useMutation({
    mutationFn: async (previewToken: string) => {
      const { data, error } = await api.POST('/api/v1/credentials/bulk-revoke', { body: { previewToken, reason } });
      if (error) throw error;
      return data;
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTyped('');
    revoke.reset();
    preview.mutate(1);
  };
  const cancel = () => {
    preview.reset();
    revoke.reset();
    setTyped('');
  };

  const problem = preview.error as Problem | null;
  const errors = problem?.errors ?? {};
  const numberErrors = Object.entries(errors).filter(([k]) => k.startsWith('credentialNumbers')).flatMap(([, v]) => v);
  const general = problem && (errors[''] ?? (problem.errors ? null : [describe(problem)]));
  const shown = preview.data;
  const result = revoke.data;
  const locked = !!shown || !!result;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/credentials" size="sm">← Credentials</Anchor>
        <Title order={2} mt={4}>Bulk revoke</Title>
        <Text size="sm" c="dimmed" maw={640}>Choose credentials by program, status or pasted numbers. You see exactly which would be revoked before anything changes.</Text>
      </div>

      <form onSubmit={submit} noValidate aria-labelledby="selection-title">
        <Stack gap="sm" maw={720}>
          <Title order={3} size="h4" id="selection-title">Which credentials</Title>
          {general && <Alert color="red.9" role="alert">{general.join(' ')}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ProgramSelect label="Program" placeholder="Any program" value={programId} onChange={setProgramId} disabled={locked} error={errors.programId?.join(' ')} />
            <Select label="Only with status" placeholder="Any status but Revoked" clearable value={status} onChange={setStatus} disabled={locked}
              data={credentialStatuses.filter(s => s !== 'Revoked')} error={errors.status?.join(' ')} comboboxProps={{ transitionProps: { duration: 0 } }} />
          </SimpleGrid>
          <Textarea label="Credential numbers" description="Paste numbers, one per line or separated by commas" autosize minRows={3} maxRows={10}
            value={numbers} onChange={e => setNumbers(e.currentTarget.value)} disabled={locked} error={numberErrors.join(' ') || undefined} />
          <Textarea label="Reason" description="Recorded in every credential's history and the audit log" autosize minRows={2}
            value={reason} onChange={e => setReason(e.currentTarget.value)} disabled={locked} error={errors.reason?.join(' ')} />
          {!locked && <Group><Button type="submit" loading={preview.isPending}>Preview</Button></Group>}
        </Stack>
      </form>

      {shown && !result && (
        <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
          <Title order={3} size="h4" id="preview-title">
            {shown.count === 0 ? 'No credential matches' : `${shown.count} credential${shown.count === 1 ? '' : 's'} would be revoked`}
          </Title>
          {shown.count > 0 && (
            <>
              <TableRegion label="Credentials that would be revoked" minWidth={640}>
                <Table striped mt="sm">
                  <Table.Thead>
                    <Table.Tr><Table.Th>Number</Table.Th><Table.Th>Member</Table.Th><Table.Th>Program</Table.Th><Table.Th>Status</Table.Th><Table.Th>Expires</Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.credentials.items.map(c => (
                      <Table.Tr key={c.id}>
                        <Table.Td ff="monospace">{c.number}</Table.Td>
                        <Table.Td><MemberName id={c.memberId} /></Table.Td>
                        <Table.Td><ProgramName id={c.programId} /></Table.Td>
                        <Table.Td><CredentialStatusBadge status={c.status} /></Table.Td>
                        <Table.Td>{day(c.expiresAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableRegion>
              <Pager total={shown.credentials.totalPages} value={page} onChange={p => preview.mutate(p)} />
            </>
          )}
          {revoke.isError && (
            <Alert color="red.9" role="alert" mt="md">
              {describe(revoke.error)} <Button size="xs" variant="white" color="dark" ml="xs" onClick={() => { revoke.reset(); setTyped(''); preview.mutate(1); }}>Preview again</Button>
            </Alert>
          )}
          <Stack gap="xs" mt="md" maw={420}>
            {shown.count > 0 && (
              <TextInput label={`Type ${shown.count} to confirm`} description="The number of credentials that will be revoked" value={typed}
                onChange={e => setTyped(e.currentTarget.value)} autoComplete="off" />
            )}
            <Group>
              <Button variant="default" onClick={cancel}>Cancel</Button>
              {shown.count > 0 && (
                <Button color="red.9" disabled={typed.trim() !== String(shown.count)} loading={revoke.isPending}
                  onClick={() => revoke.mutate(shown.previewToken)}>Revoke {shown.count} credential{shown.count === 1 ? '' : 's'}</Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}

      {result && (
        <Paper withBorder p="md" role="status" aria-labelledby="result-title">
          <Title order={3} size="h4" id="result-title">Revoked {result.revoked} credential{result.revoked === 1 ? '' : 's'}</Title>
          <Text size="sm" mt="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>{result.numbers.join(', ')}</Text>
          <Button mt="md" variant="default" onClick={() => { cancel(); setNumbers(''); setReason(''); }}>Start another</Button>
        </Paper>
      )}
    </Stack>
  );
}
