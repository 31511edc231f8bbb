import { Alert, Anchor, Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, describe, type Schemas } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { ReasonDialog } from '../../components/ReasonDialog';
import { TableRegion } from '../../components/TableRegion';
import { MemberName, ProgramName } from '../../components/lookups';
import { day, when } from '../../api/data';
import { CredentialStatusBadge } from './CredentialsPage';

type Status = Schemas['CredentialStatus'];
type Action = 'suspend' | 'revoke' | 'reinstate' | 'clear-review';

// Which statuses each action starts from, as the hub's rules say; the hub refuses the rest with a 409.
const actions: { action: Action; label: string; from: Status[]; danger: boolean; explain: string }[] = [
  { action: 'suspend', label: 'Suspend', from: ['Active', 'Expiring'], danger: true,
    explain: 'A suspended credential shows as suspended to anyone who verifies it, until it is reinstated.' },
  { action: 'revoke', label: 'Revoke', from: ['Active', 'Expiring', 'Suspended', 'Lapsed'], danger: true,
    explain: 'A revoked credential shows as revoked to anyone who verifies it. It can be reinstated if it was revoked in error.' },
  { action: 'reinstate', label: 'Reinstate', from: ['Suspended', 'Revoked'], danger: false,
    explain: 'The credential becomes Active again (Expiring when its end date is near).' },
];

const downloads = [
  { path: 'badge.png', label: 'Badge (PNG)' },
  { path: 'badge.svg', label: 'Badge (SVG)' },
  { path: 'badge.json', label: 'Credential (JSON)' },
  { path: 'badge.jwt', label: 'Credential (JWT)' },
  { path: 'certificate.pdf', label: 'Certificate (PDF)' },
] as const;

/** One credential: its standing and history, what staff may do to it, and its badge and certificate files. */
export function CredentialPage() {
  const { id = '' } = useParams();
  const me = useWhoAmI();
  const admin = isAdmin(me.data?.roles);
  const queries = useQueryClient();
  const credential = useQuery({
    queryKey: ['credentials', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/credentials/{id}', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
  });

  const [acting, setActing] = useState<Action | null>(null);
  const act = useMutation({
    mutationFn: async ({ action, reason }: { action: Action; reason: string }) => {
      const options = { params: { path: { id } }, body: { reason } };
      const { error } = action === 'suspend' ? await api.POST('/api/v1/credentials/{id}/suspend', options)
        : action === 'revoke' ? await api.POST('/api/v1/credentials/{id}/revoke', options)
        : action === 'reinstate' ? await api.POST('/api/v1/credentials/{id}/reinstate', options)
        : await api.POST('/api/v1/credentials/{id}/clear-review', options);
      if (error) throw error;
    },
    onSuccess: () => {
      setActing(null);
      void queries.invalidateQueries({ queryKey: ['credentials'] });
    },
  });
  const open = (action: Action) => {
    act.reset();
    setActing(action);
  };

  const [downloadError, setDownloadError] = useState<string | null>(null);
  const download = useMutation({
    mutationFn: async (file: typeof downloads[number]['path']) => {
      setDownloadError(null);
      const { data, error } = await api.GET(`/api/v1/credentials/{id}/${file}`, { params: { path: { id } }, parseAs: 'blob' });
      if (error || !data) throw error;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(data as Blob);
      link.download = `${credential.data?.number ?? id}-${file}`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
    onError: e => setDownloadError(describe(e)),
  });

  if (credential.isPending) return <Skeleton h={320} />;
  if (credential.isError)
    return <Alert color="red.9" role="alert" title="The credential could not be loaded">{describe(credential.error)} Go back to <Anchor component={Link} to="/credentials">the credentials</Anchor> and try again.</Alert>;

  const c = credential.data;
  const chosen = actions.find(a => a.action === acting);
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/credentials" size="sm">← Credentials</Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2} ff="monospace">{c.number}</Title>
          <CredentialStatusBadge status={c.status} />
        </Group>
      </div>

      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm"><b>Member:</b> <MemberName id={c.memberId} /></Text>
          <Text size="sm"><b>Program:</b> <ProgramName id={c.programId} /></Text>
          <Text size="sm"><b>Issued:</b> {day(c.issuedAt)}</Text>
          <Text size="sm"><b>Expires:</b> {day(c.expiresAt)}</Text>
          <Text size="sm"><b>Cycle:</b> {c.currentCycle}, since {day(c.cycleStartedAt)}</Text>
        </SimpleGrid>
      </Card>

      {c.flaggedAt && (
        <Paper withBorder p="md" role="status">
          <Title order={3} size="h5">Flagged for review {when(c.flaggedAt)}</Title>
          <Text size="sm" mt={4}>{c.reviewReason}</Text>
          {admin && <Button mt="sm" size="xs" variant="default" onClick={() => open('clear-review')}>Clear review</Button>}
        </Paper>
      )}

      {admin && (
        <section aria-labelledby="actions-title">
          <Title order={3} size="h4" id="actions-title" mb="xs">Change status</Title>
          <Group gap="xs">
            {actions.filter(a => a.from.includes(c.status)).map(a => (
              <Button key={a.action} variant="outline" color={a.danger ? 'red.9' : undefined} onClick={() => open(a.action)}>{a.label}</Button>
            ))}
          </Group>
        </section>
      )}

      <section aria-labelledby="downloads-title">
        <Title order={3} size="h4" id="downloads-title" mb="xs">Downloads</Title>
        {downloadError && <Alert color="red.9" role="alert" mb="xs">{downloadError}</Alert>}
        <Group gap="xs">
          {downloads.map(d => (
            <Button key={d.path} variant="default" size="xs" loading={download.isPending && download.variables === d.path}
              onClick={() => download.mutate(d.path)}>{d.label}</Button>
          ))}
        </Group>
      </section>

      <section aria-labelledby="history-title">
        <Title order={3} size="h4" id="history-title" mb="xs">Status history</Title>
        <TableRegion label="Status history" minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr><Table.Th>When</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th><Table.Th>Reason</Table.Th><Table.Th>By</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...c.statusHistory].reverse().map((h, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{when(h.changedAt)}</Table.Td>
                  <Table.Td>{h.from ?? '—'}</Table.Td>
                  <Table.Td>{h.to}</Table.Td>
                  <Table.Td>{h.reason}</Table.Td>
                  <Table.Td>{h.changedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      </section>

      <ReasonDialog opened={acting !== null} onClose={() => setActing(null)} pending={act.isPending} error={act.error}
        title={acting === 'clear-review' ? `Clear the review flag on ${c.number}?` : `${chosen?.label} ${c.number}?`}
        confirmLabel={acting === 'clear-review' ? 'Clear review' : `${chosen?.label} credential`} danger={chosen?.danger}
        reasonDescription="Recorded in the credential's history and the audit log"
        onConfirm={reason => acting && act.mutate({ action: acting, reason })}>
        {acting === 'clear-review' ? 'The award stays as it is; the flag is removed.' : chosen?.explain}
      </ReasonDialog>
    </Stack>
  );
}
