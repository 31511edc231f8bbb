import { Alert, Badge, Button, Group, Modal, PasswordInput, Select, Skeleton, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';

const roles = ['Admin', 'Reviewer'];
type Account = Schemas['StaffAccountSummary'];

/** Staff accounts: who can sign in to the console and with which role. Admins add people, change roles and disable accounts. */
export function StaffAccountsPage() {
  const queries = useQueryClient();
  const accounts = useQuery({
    queryKey: ['staff'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/staff');
      if (error) throw error;
      return data;
    },
  });
  const [editing, setEditing] = useState<Account | null>(null);

  return (
    <Stack gap="lg">
      <Title order={2}>Staff accounts</Title>
      <NewAccountForm onCreated={() => void queries.invalidateQueries({ queryKey: ['staff'] })} />
      {accounts.isError && <Alert color="red.9" role="alert" title="Staff accounts could not be loaded">{describe(accounts.error)}</Alert>}
      {accounts.isPending ? <Skeleton h={160} /> : accounts.data && (
        <TableRegion label="Staff accounts" minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Email</Table.Th><Table.Th>Role</Table.Th><Table.Th>State</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.map(a => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.displayName}</Table.Td>
                  <Table.Td>{a.email}</Table.Td>
                  <Table.Td>{a.roles.join(', ')}</Table.Td>
                  <Table.Td>
                    {!a.enabled ? <Badge variant="dot" color="gray">Disabled</Badge>
                      : a.lockedOutUntil ? <Badge variant="dot" color="orange">Locked until {new Date(a.lockedOutUntil).toLocaleString()}</Badge>
                      : <Badge variant="dot" color="green">Active</Badge>}
                  </Table.Td>
                  <Table.Td><Button size="xs" variant="default" onClick={() => setEditing(a)} aria-label={`Change ${a.displayName}`}>Change</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}
      {editing && <ChangeAccountDialog account={editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void queries.invalidateQueries({ queryKey: ['staff'] }); }} />}
    </Stack>
  );
}

function NewAccountForm({ onCreated }: { onCreated: () => void }) {
  const blank = { email: '', displayName: '', role: 'Reviewer', password: '' };
  const [form, setForm] = useState(blank);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.POST('/api/v1/staff', { body: form });
      if (error) throw error;
      return data;
    },
    onSuccess: data => {
      setAdded(`${data.displayName} can now sign in as ${data.roles.join(', ')}.`);
      setForm(blank);
      onCreated();
    },
  });
  const problem = create.error as Problem | null;
  const field = (name: keyof typeof blank) => problem?.errors?.[name]?.join(' ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    create.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-staff-title">
      <Stack gap="sm" maw={560}>
        <Title order={3} size="h4" id="new-staff-title">Add a staff member</Title>
        {problem && !problem.errors && <Alert color="red.9" role="alert">{describe(problem)}</Alert>}
        {added && <Text role="status" c="teal.9">{added}</Text>}
        <TextInput label="Name" required value={form.displayName} onChange={e => setForm({ ...form, displayName: e.currentTarget.value })} error={field('displayName')} />
        <TextInput label="Email" type="email" required value={form.email} onChange={e => setForm({ ...form, email: e.currentTarget.value })} error={field('email')} />
        <Select label="Role" required data={roles} value={form.role} onChange={v => setForm({ ...form, role: v ?? 'Reviewer' })} error={field('role')}
          description="Reviewers decide applications and read; Admins also change programs, connectors and settings" allowDeselect={false} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <PasswordInput label="First password" description="At least 12 characters; tell them to keep it safe" required value={form.password}
          onChange={e => setForm({ ...form, password: e.currentTarget.value })} error={field('password')} />
        <Group><Button type="submit" loading={create.isPending}>Add staff member</Button></Group>
      </Stack>
    </form>
  );
}

function ChangeAccountDialog({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: () => void }) {
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState(account.roles[0] ?? 'Reviewer');
  const [enabled, setEnabled] = useState(account.enabled);
  const save = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.PUT('/api/v1/staff/{id}', { params: { path: { id: account.id } }, body: { displayName, role, enabled } });
      if (error) throw error;
      return data;
    },
    onSuccess: onSaved,
  });
  const problem = save.error as Problem | null;

  return (
    <Modal opened onClose={onClose} title={`Change ${account.displayName}`} closeButtonProps={{ 'aria-label': 'Close' }} transitionProps={{ duration: 0 }}>
      <form onSubmit={e => { e.preventDefault(); save.mutate(); }} noValidate>
        <Stack gap="sm">
          {problem && !problem.errors && <Alert color="red.9" role="alert">{describe(problem)}</Alert>}
          <TextInput label="Name" required value={displayName} onChange={e => setDisplayName(e.currentTarget.value)} error={problem?.errors?.displayName?.join(' ')} />
          <Select label="Role" required data={roles} value={role} onChange={v => setRole(v ?? role)} error={problem?.errors?.role?.join(' ')}
            allowDeselect={false} comboboxProps={{ transitionProps: { duration: 0 } }} />
          <Switch label="Can sign in" description="Turn off to disable the account; their open sessions end within a minute" checked={enabled}
            onChange={e => setEnabled(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
