import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, Paper, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { when } from '../../api/data';

/** API keys for partner systems and scripts: created with chosen scopes, shown once, revoked when no longer needed. */
export function ApiKeysPage() {
  const queries = useQueryClient();
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/api-keys');
      if (error) throw error;
      return data;
    },
  });
  const scopes = useQuery({
    queryKey: ['api-keys', 'scopes'],
    queryFn: async () => (await api.GET('/api/v1/api-keys/scopes')).data ?? [],
  });

  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [created, setCreated] = useState<Schemas['CreatedApiKey'] | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/v1/api-keys', { body: { name, scopes: chosen } });
      if (error) throw error;
      return data;
    },
    onSuccess: data => {
      setCreated(data);
      setName('');
      setChosen([]);
      void queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });

  const [revoking, setRevoking] = useState<Schemas['ApiKeySummary'] | null>(null);
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      const { error } = await api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id } } });
      if (error) throw error;
    },
    onSuccess: () => {
      setRevoking(null);
      void queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });

  const problem = create.error as Problem | null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <Stack gap="lg">
      <Title order={2}>API keys</Title>

      <form onSubmit={submit} noValidate aria-labelledby="new-key-title">
        <Stack gap="sm" maw={560}>
          <Title order={3} size="h4" id="new-key-title">New key</Title>
          {problem && !problem.errors && <Alert color="red.9" role="alert">{describe(problem)}</Alert>}
          <TextInput label="Name" description="Which system or script uses it, e.g. lms-sync" required value={name}
            onChange={e => setName(e.currentTarget.value)} error={problem?.errors?.name?.join(' ')} />
          <MultiSelect label="Scopes" description="Only what the system needs" required data={scopes.data ?? []} value={chosen}
            onChange={setChosen} error={problem?.errors?.scopes?.join(' ')} searchable />
          <Group><Button type="submit" loading={create.isPending}>Create key</Button></Group>
        </Stack>
      </form>

      {created && (
        <Paper withBorder p="md" role="status" aria-labelledby="created-title">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5" id="created-title">Key "{created.key.name}" created</Title>
            <Button size="xs" variant="subtle" onClick={() => setCreated(null)}>Dismiss</Button>
          </Group>
          <Text size="sm" mb="xs">Copy it now: it is shown only this once, and only its hash is kept.</Text>
          <Group gap="xs" wrap="nowrap">
            <Code style={{ wordBreak: 'break-all' }} data-testid="plain-key">{created.plainTextKey}</Code>
            <CopyButton value={created.plainTextKey}>
              {({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
            </CopyButton>
          </Group>
        </Paper>
      )}

      {keys.isError && <Alert color="red.9" role="alert">{describe(keys.error)}</Alert>}
      {keys.isPending ? <Skeleton h={160} /> : keys.data && (
        <TableRegion label="API keys" minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Prefix</Table.Th><Table.Th>Scopes</Table.Th><Table.Th>Created</Table.Th><Table.Th>Last used</Table.Th><Table.Th>State</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map(k => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  <Table.Td><Text ff="monospace" size="sm">{k.prefix}</Text></Table.Td>
                  <Table.Td>{k.scopes.join(', ')}</Table.Td>
                  <Table.Td>{when(k.createdAt)}<Text size="xs" c="dimmed">{k.createdBy}</Text></Table.Td>
                  <Table.Td>{when(k.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {k.revokedAt
                      ? <Badge variant="dot" color="gray">Revoked {when(k.revokedAt)}</Badge>
                      : <Button size="xs" color="red.9" variant="outline" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>Revoke</Button>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}

      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={`Revoke "${revoking?.name}"?`}
        closeButtonProps={{ 'aria-label': 'Close' }} transitionProps={{ duration: 0 }}>
        <Text size="sm" mb="md">Anything using this key stops working at once. The key stays listed, with when it was revoked.</Text>
        {revoke.isError && <Alert color="red.9" role="alert" mb="sm">{describe(revoke.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRevoking(null)}>Keep it</Button>
          <Button color="red.9" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>Revoke key</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
