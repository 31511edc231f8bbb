import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, describe, type Schemas } from '../../api/client';
import { ReasonDialog } from '../../components/ReasonDialog';
import { TableRegion } from '../../components/TableRegion';
import { MemberName, ProgramName } from '../../components/lookups';
import { day, when } from '../../api/data';

type Selection = Schemas['CeAuditSelectionResponse'];
const outcomeColor: Record<Selection['status'], string> = { Open: 'blue', Passed: 'green', Failed: 'red' };
const decisionColor: Record<Schemas['CeAuditCreditDecision'], string> = { Pending: 'gray', Accepted: 'green', Rejected: 'red' };

/** One audited member: the credits of the audited cycle, the evidence they sent, and a decision on each. */
function AuditedMember({ auditId, selection }: { auditId: string; selection: Selection }) {
  const queries = useQueryClient();
  const credits = useQuery({
    queryKey: ['ce-credits', { memberId: selection.memberId }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/ce-credits', { params: { query: { MemberId: selection.memberId, Page: 1, PageSize: 200 } } });
      if (error) throw error;
      return data.items;
    },
  });
  const credential = useQuery({
    queryKey: ['credentials', selection.credentialId],
    queryFn: async () => (await api.GET('/api/v1/credentials/{id}', { params: { path: { id: selection.credentialId } } })).data ?? null,
  });

  const [rejecting, setRejecting] = useState<Schemas['CeCreditResponse'] | null>(null);
  const decide = useMutation({
    mutationFn: async ({ creditId, decision, reason }: { creditId: string; decision: 'Accept' | 'Reject'; reason?: string }) => {
      const { error } = await api.POST('/api/v1/ce-audits/{auditId}/selections/{selectionId}/credits/{creditId}/decision', {
        params: { path: { auditId, selectionId: selection.id, creditId } }, body: { decision, reason: reason ?? null },
      });
      if (error) throw error;
    },
    onSuccess: () => {
      setRejecting(null);
      void queries.invalidateQueries({ queryKey: ['ce-audits', auditId] });
      void queries.invalidateQueries({ queryKey: ['ce-credits', { memberId: selection.memberId }] });
    },
  });

  const start = new Date(selection.cycleStartedAt).getTime();
  const end = new Date(selection.cycleEndsAt).getTime();
  const inCycle = (credits.data ?? []).filter(c => { const t = new Date(c.earnedAt).getTime(); return t >= start && t <= end; });
  const evidence = new Map(selection.credits.map(c => [c.creditId, c]));
  const open = selection.status === 'Open';

  return (
    <Card withBorder component="section" aria-labelledby={`member-${selection.id}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h4" id={`member-${selection.id}`}><MemberName id={selection.memberId} /></Title>
          <Text size="sm" c="dimmed">
            {credential.data ? <Anchor component={Link} to={`/credentials/${selection.credentialId}`} size="sm" ff="monospace">{credential.data.number}</Anchor> : 'Credential'}
            {' '}· cycle {selection.cycle}, {day(selection.cycleStartedAt)} to {day(selection.cycleEndsAt)} · {selection.reason === 'Random' ? 'drawn at random' : 'targeted'}
          </Text>
        </div>
        <Badge variant="dot" color={outcomeColor[selection.status]}>{selection.status}</Badge>
      </Group>
      {selection.explanation && <Text size="sm" mt="xs">{selection.explanation}</Text>}
      {decide.isError && !rejecting && <Alert color="red.9" role="alert" mt="sm">{describe(decide.error)}</Alert>}
      {credits.isError && <Alert color="red.9" role="alert" mt="sm">The member's credits could not be loaded: {describe(credits.error)}</Alert>}
      {credits.isPending ? <Skeleton h={80} mt="sm" /> : (
        <TableRegion label="Credits of the audited cycle" minWidth={760}>
          <Table mt="sm" striped>
            <Table.Thead>
              <Table.Tr><Table.Th>Activity</Table.Th><Table.Th>Category</Table.Th><Table.Th ta="right">Hours</Table.Th><Table.Th>Earned</Table.Th><Table.Th>Evidence</Table.Th><Table.Th>Decision</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inCycle.map(c => {
                const sent = evidence.get(c.id);
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.activity}</Table.Td>
                    <Table.Td>{c.category}</Table.Td>
                    <Table.Td ta="right">{c.hours}</Table.Td>
                    <Table.Td>{day(c.earnedAt)}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>
                      {sent ? <>{/^https?:\/\//.test(sent.evidence) ? <Anchor href={sent.evidence} target="_blank" rel="noreferrer" size="sm">{sent.evidence}</Anchor> : sent.evidence}
                        <Text size="xs" c="dimmed">sent {when(sent.submittedAt)}</Text></>
                        : <Text size="sm" c="dimmed">Not sent yet</Text>}
                    </Table.Td>
                    <Table.Td>
                      {sent && sent.decision !== 'Pending'
                        ? <><Badge variant="dot" color={decisionColor[sent.decision]}>{sent.decision}</Badge>
                          <Text size="xs" c="dimmed">{sent.decidedBy}{sent.reason ? `: ${sent.reason}` : ''}</Text></>
                        : sent && open
                          ? (
                            <Group gap={4} wrap="nowrap">
                              <Button size="xs" variant="outline" loading={decide.isPending && decide.variables?.creditId === c.id && !rejecting}
                                onClick={() => { decide.reset(); decide.mutate({ creditId: c.id, decision: 'Accept' }); }} aria-label={`Accept ${c.activity}`}>Accept</Button>
                              <Button size="xs" variant="outline" color="red.9" onClick={() => { decide.reset(); setRejecting(c); }} aria-label={`Reject ${c.activity}`}>Reject</Button>
                            </Group>
                          )
                          : <Badge variant="dot" color="gray">{sent ? 'Pending' : 'Waiting for evidence'}</Badge>}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}
      {credits.data && inCycle.length === 0 && <Text size="sm" c="dimmed" mt="xs">The member has no credits in the audited cycle.</Text>}
      <ReasonDialog opened={rejecting !== null} onClose={() => setRejecting(null)} title={`Reject "${rejecting?.activity}"?`} confirmLabel="Reject credit" danger
        reasonDescription="The member is told why; the credit stops counting toward any cycle" pending={decide.isPending} error={decide.error}
        onConfirm={reason => rejecting && decide.mutate({ creditId: rejecting.id, decision: 'Reject', reason })} />
    </Card>
  );
}

/** A CE audit: how it was drawn (with its seed), and each audited member with their credits and evidence. */
export function CeAuditPage() {
  const { id = '' } = useParams();
  const audit = useQuery({
    queryKey: ['ce-audits', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/ce-audits/{auditId}', { params: { path: { auditId: id } } });
      if (error) throw error;
      return data;
    },
  });

  if (audit.isPending) return <Skeleton h={320} />;
  if (audit.isError)
    return <Alert color="red.9" role="alert" title="The audit could not be loaded">{describe(audit.error)} Go back to <Anchor component={Link} to="/ce-audits">the audits</Anchor> and try again.</Alert>;
  const a = audit.data;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/ce-audits" size="sm">← CE audits</Anchor>
        <Title order={2} mt={4}>CE audit of <ProgramName id={a.programId} /></Title>
      </div>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm"><b>Drawn:</b> {when(a.createdAt)} by {a.createdBy}</Text>
          <Text size="sm"><b>Seed:</b> <Text span ff="monospace" data-testid="audit-seed">{a.seed}</Text></Text>
          <Text size="sm"><b>Sample:</b> {a.samplePercent}% of {a.populationCount} renewing certificants</Text>
          <Text size="sm"><b>Renewing by:</b> {day(a.windowEndsAt)} (within {a.renewingWithinDays} days)</Text>
        </SimpleGrid>
      </Card>
      {a.selections.length === 0 && <Text c="dimmed">Nobody was selected: no certificant renews within the window.</Text>}
      {a.selections.map(s => <AuditedMember key={s.id} auditId={a.id} selection={s} />)}
    </Stack>
  );
}
