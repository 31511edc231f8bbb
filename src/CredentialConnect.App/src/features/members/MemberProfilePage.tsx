import { Alert, Anchor, Badge, Card, Group, List, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, describe, type Schemas } from '../../api/client';
import { dataOf, day, when } from '../../api/data';
import { isAdmin, useWhoAmI } from '../../api/session';
import { TableRegion } from '../../components/TableRegion';
import { useProgramCode } from '../../components/lookups';

const all = { Page: 1, PageSize: 200 };

/** One part of the profile: its heading, then its content once loaded, or what went wrong. */
function Section<T>({ id, title, query, empty, children }: {
  id: string; title: string; query: UseQueryResult<T>; empty: (data: T) => boolean; children: (data: T) => ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={`${id}-title`} id={id}>
      <Title order={3} size="h4" id={`${id}-title`} mb="sm">{title}</Title>
      {query.isError && <Alert color="red.9" role="alert">{describe(query.error)} Reload the page to try again.</Alert>}
      {query.isPending ? <Skeleton h={80} /> : query.data !== undefined && (empty(query.data) ? <Text size="sm" c="dimmed">None yet.</Text> : children(query.data))}
    </Card>
  );
}

const credentialColor: Record<Schemas['CredentialStatus'], string> = { Active: 'teal', Expiring: 'orange', Lapsed: 'red', Suspended: 'orange', Revoked: 'gray' };
const hours = (h: number) => `${Number(h).toLocaleString()} h`;

/** A credential's current cycle and its CE ledger: the hours per category and the credits earned inside the cycle. */
function CycleLedger({ credential, credits, program }: { credential: Schemas['CredentialSummary']; credits: Schemas['CeCreditResponse'][]; program: string }) {
  const cycle = useQuery({
    queryKey: ['credentials', credential.id, 'cycle'],
    queryFn: () => dataOf(api.GET('/api/v1/credentials/{id}/cycle', { params: { path: { id: credential.id } } })),
  });
  const progress = cycle.data?.progress;
  const inside = (at: string) => !!progress && Date.parse(at) >= Date.parse(progress.countsFrom) && Date.parse(at) < Date.parse(progress.countsUntil);
  const inCycle = credits.filter(c => inside(c.earnedAt));
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">{program} {credential.number} · cycle {credential.currentCycle}</Title>
      {cycle.isError && <Alert color="red.9" role="alert">{describe(cycle.error)}</Alert>}
      {cycle.isPending ? <Skeleton h={60} /> : cycle.data && (
        <>
          <Text size="sm">{day(cycle.data.cycleStartedAt)} to {day(cycle.data.cycleEndsAt)}. {progress ? progress.explanation : 'The program asks no CE in a cycle.'}</Text>
          {progress && (
            <>
              <Progress value={progress.requiredHours ? Math.min(100, (progress.countedHours / progress.requiredHours) * 100) : 100} color="indigo.8"
                aria-label={`CE hours counted toward ${credential.number}`} />
              <TableRegion label={`CE per category for ${credential.number}`} minWidth={520}>
                <Table>
                  <Table.Thead><Table.Tr><Table.Th>Category</Table.Th><Table.Th ta="right">Counted</Table.Th><Table.Th ta="right">Pending</Table.Th><Table.Th ta="right">Missing</Table.Th><Table.Th>Met</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {progress.categories.map(c => (
                      <Table.Tr key={c.category}>
                        <Table.Td>{c.category}</Table.Td><Table.Td ta="right">{hours(c.countedHours)}</Table.Td><Table.Td ta="right">{hours(c.pendingHours)}</Table.Td>
                        <Table.Td ta="right">{hours(c.missingHours)}</Table.Td><Table.Td>{c.met ? 'Yes' : 'No'}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr fw={600}>
                      <Table.Td>Total (of {hours(progress.requiredHours)})</Table.Td><Table.Td ta="right">{hours(progress.countedHours)}</Table.Td>
                      <Table.Td ta="right">{hours(progress.pendingHours)}</Table.Td><Table.Td ta="right">{hours(progress.missingHours)}</Table.Td><Table.Td>{progress.met ? 'Yes' : 'No'}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </TableRegion>
              <Text size="sm">{inCycle.length} credit{inCycle.length === 1 ? '' : 's'} earned in this cycle.{cycle.data.auditBlock ? ` ${cycle.data.auditBlock}` : ''}</Text>
            </>
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * Everything the hub holds about one member, in sections that stack on a phone: credentials, the CE ledger per
 * cycle, exam attempts, readiness per program, goals, portal notifications and, for Admins, the audit trail.
 */
export function MemberProfilePage() {
  const { id = '' } = useParams();
  const me = useWhoAmI();
  const admin = isAdmin(me.data?.roles);
  const name = useProgramCode();
  const member = useQuery({ queryKey: ['members', id], queryFn: () => dataOf(api.GET('/api/v1/members/{id}', { params: { path: { id } } })) });
  const credentials = useQuery({
    queryKey: ['members', id, 'credentials'],
    queryFn: () => dataOf(api.GET('/api/v1/credentials', { params: { query: { ...all, MemberId: id, Sort: '-issuedAt' } } })),
  });
  const credits = useQuery({
    queryKey: ['members', id, 'ce-credits'],
    queryFn: () => dataOf(api.GET('/api/v1/ce-credits', { params: { query: { ...all, MemberId: id } } })),
  });
  const exams = useQuery({
    queryKey: ['members', id, 'exam-attempts'],
    queryFn: () => dataOf(api.GET('/api/v1/exam-attempts', { params: { query: { ...all, MemberId: id } } })),
  });
  const readiness = useQuery({
    queryKey: ['members', id, 'readiness'],
    queryFn: () => dataOf(api.GET('/api/v1/members/{memberId}/readiness', { params: { path: { memberId: id }, query: all } })),
  });
  const goals = useQuery({
    queryKey: ['members', id, 'goals'],
    queryFn: () => dataOf(api.GET('/api/v1/members/{memberId}/goals', { params: { path: { memberId: id }, query: all } })),
  });
  const notifications = useQuery({
    queryKey: ['members', id, 'notifications'],
    queryFn: () => dataOf(api.GET('/api/v1/members/{id}/notifications', { params: { path: { id }, query: { Page: 1, PageSize: 50 } } })),
  });
  const audit = useQuery({
    queryKey: ['members', id, 'audit'],
    queryFn: () => dataOf(api.GET('/api/v1/audit-log', { params: { query: { MemberId: id, Page: 1, PageSize: 50 } } })),
    enabled: admin,
  });

  if (member.isError)
    return <Alert color="red.9" role="alert" title="The member could not be loaded">{describe(member.error)} Go back to the member search and open them again.</Alert>;
  if (!member.data) return <Skeleton h={320} />;
  const m = member.data;
  const sections = [['credentials', 'Credentials'], ['ce', 'CE ledger'], ['exams', 'Exam attempts'], ['readiness', 'Readiness'], ['goals', 'Goals'],
    ['notifications', 'Notifications'], ...(admin ? [['audit', 'Audit trail']] : [])];

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/members" size="sm">← Back to members</Anchor>
      <div>
        <Title order={2}>{m.firstName} {m.lastName}</Title>
        <Text size="sm">
          AMS id <Text span ff="monospace" size="sm">{m.amsMemberId}</Text> · {m.email} · {m.membershipStatus}{m.membershipLevel ? ` (${m.membershipLevel})` : ''}
          {m.memberSince ? ` · member since ${day(m.memberSince)}` : ''}
        </Text>
      </div>
      <Group gap="xs" component="nav" aria-label="Profile sections">
        {sections.map(([key, label]) => <Anchor key={key} href={`#${key}`} size="sm">{label}</Anchor>)}
      </Group>

      <Section id="credentials" title="Credentials" query={credentials} empty={d => d.items.length === 0}>
        {d => (
          <TableRegion label="Credential list" minWidth={620}>
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>Number</Table.Th><Table.Th>Program</Table.Th><Table.Th>Status</Table.Th><Table.Th>Issued</Table.Th><Table.Th>Expires</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.items.map(c => (
                  <Table.Tr key={c.id}>
                    <Table.Td><Anchor href={`/verify/${encodeURIComponent(c.number)}`} target="_blank" ff="monospace" size="sm"
                      aria-label={`${c.number}: verification page (opens in a new tab)`}>{c.number}</Anchor></Table.Td>
                    <Table.Td>{name(c.programId)}</Table.Td>
                    <Table.Td><Badge variant="dot" color={credentialColor[c.status]}>{c.status}</Badge></Table.Td>
                    <Table.Td>{day(c.issuedAt)}</Table.Td><Table.Td>{day(c.expiresAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
        )}
      </Section>

      <Section id="ce" title="CE ledger" query={credits} empty={() => false}>
        {d => (
          <Stack gap="md">
            {credentials.data?.items.map(c => <CycleLedger key={c.id} credential={c} credits={d.items} program={name(c.programId)} />)}
            <Title order={4} size="h5">Every CE credit</Title>
            {d.items.length === 0 ? <Text size="sm" c="dimmed">No CE credits yet.</Text> : (
              <TableRegion label="CE credit list" minWidth={640}>
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>Earned</Table.Th><Table.Th>Activity</Table.Th><Table.Th>Category</Table.Th><Table.Th ta="right">Hours</Table.Th><Table.Th>Source</Table.Th><Table.Th>Review</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {d.items.map(c => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{day(c.earnedAt)}</Table.Td><Table.Td>{c.activity}</Table.Td><Table.Td>{c.category}</Table.Td>
                        <Table.Td ta="right">{hours(c.hours)}</Table.Td><Table.Td>{c.source}</Table.Td>
                        <Table.Td>{c.reviewStatus === 'NotRequired' ? '—' : c.reviewStatus}{c.reviewReason ? `: ${c.reviewReason}` : ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableRegion>
            )}
          </Stack>
        )}
      </Section>

      <Section id="exams" title="Exam attempts" query={exams} empty={d => d.items.length === 0}>
        {d => (
          <TableRegion label="Exam attempt list" minWidth={560}>
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>Taken</Table.Th><Table.Th>Program</Table.Th><Table.Th ta="right">Attempt</Table.Th><Table.Th ta="right">Score</Table.Th><Table.Th>Result</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.items.map(x => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{day(x.takenAt)}</Table.Td><Table.Td>{name(x.programId)}</Table.Td><Table.Td ta="right">{x.attemptNumber}</Table.Td>
                    <Table.Td ta="right">{x.score} / {x.maxScore} ({Number(x.percent).toFixed(0)}%)</Table.Td>
                    <Table.Td>{x.passed ? 'Passed' : 'Failed'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section id="readiness" title="Readiness per program" query={readiness} empty={d => d.items.length === 0}>
          {d => (
            <Stack gap="sm">
              {d.items.map(r => (
                <div key={r.programId}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600}>{r.programCode} · {r.programName}</Text>
                    <Text size="sm" fw={600} c={r.eligible ? 'teal.9' : undefined}>{r.eligible ? 'Eligible' : `${Number(r.percentReady).toFixed(0)}% ready`}</Text>
                  </Group>
                  <Progress value={Number(r.percentReady)} color={r.eligible ? 'teal.9' : 'indigo.8'} size="sm" aria-label={`${r.programCode}: percent ready`} />
                  {r.gaps.length > 0 && (
                    <List size="xs" mt={4}>{r.gaps.map(g => <List.Item key={g.path}>{g.requirement}: {g.gap ?? g.found}</List.Item>)}</List>
                  )}
                </div>
              ))}
            </Stack>
          )}
        </Section>

        <Section id="goals" title="Goals" query={goals} empty={d => d.items.length === 0}>
          {d => (
            <List size="sm" spacing="xs">
              {d.items.map(g => (
                <List.Item key={g.id}>
                  {g.programCode} · {g.programName}: {g.eligible ? 'eligible' : `${Number(g.percentReady).toFixed(0)}% ready, ${g.unmetCount} to go`}
                  <Text span size="xs" c="dimmed"> (set {day(g.createdAt)})</Text>
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      </SimpleGrid>

      <Section id="notifications" title="Notifications sent" query={notifications} empty={d => d.items.length === 0}>
        {d => (
          <Stack gap="xs">
            {d.items.map(n => (
              <div key={n.id}>
                <Text size="sm" fw={600}>{n.title} <Text span size="xs" c="dimmed" fw={400}>{when(n.createdAt)}</Text></Text>
                <Text size="sm">{n.message}</Text>
              </div>
            ))}
          </Stack>
        )}
      </Section>

      {admin && (
        <Section id="audit" title="Audit trail" query={audit} empty={d => d.items.length === 0}>
          {d => (
            <TableRegion label="Audit entries" minWidth={640}>
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Who</Table.Th><Table.Th>What</Table.Th><Table.Th>Fields</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {d.items.map(e => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{when(e.at)}</Table.Td><Table.Td>{e.actor}</Table.Td><Table.Td>{e.entityType} {e.action.toLowerCase()}</Table.Td>
                      <Table.Td><Text size="xs">{Object.keys((e.changes ?? {}) as object).join(', ')}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          )}
        </Section>
      )}
    </Stack>
  );
}
