import { Badge, Button, Group, Modal, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';
import { ConnectorsHeader, ListFooter, usePageParam } from './ConnectorsNav';
import { when } from '../../api/data';
import { ProblemNotice } from '../../components/ProblemNotice';

type Review = Schemas['MatchReviewResponse'];
type Member = Pick<Schemas['MemberResponse'], 'firstName' | 'lastName' | 'email' | 'amsMemberId'>;

const memberLabel = (m: Member) => `${m.firstName} ${m.lastName} · ${m.email} · ${m.amsMemberId}`;

/** Partner records the hub would not match on its own: staff link each to the member it belongs to, or dismiss it. */
export function MatchReviewsPage() {
  const queries = useQueryClient();
  const [page, setPage] = usePageParam();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'Open';
  const reviews = useQuery({
    queryKey: ['match-reviews', { page, status }],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/match-reviews', { params: { query: { Page: page, PageSize: 25, Status: status || undefined } } });
      if (error) throw error;
      return data;
    },
  });
  const [linking, setLinking] = useState<Review | null>(null);
  const dismiss = useMutation({
    mutationFn: async (id: string) => {
      const { data, error } = await api.POST('/api/v1/match-reviews/{id}/dismiss', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: ['match-reviews'] }),
  });
  const filter = (value: string | null) => {
    const next = new URLSearchParams();
    next.set('status', value ?? '');
    setParams(next, { replace: true });
  };

  return (
    <>
      <ConnectorsHeader title="Match reviews">
        <Select label="State" data={[{ value: '', label: 'Any state' }, 'Open', 'Linked', 'Dismissed']} value={status} onChange={filter}
          allowDeselect={false} w={200} comboboxProps={{ transitionProps: { duration: 0 } }} />
      </ConnectorsHeader>
      {dismiss.isError && <ProblemNotice mb="md">{describe(dismiss.error)}</ProblemNotice>}
      {reviews.isError && <ProblemNotice title="Match reviews could not be loaded">{describe(reviews.error)} Reload the page to try again.</ProblemNotice>}
      {reviews.isPending ? <Skeleton h={200} /> : reviews.data && (
        <>
          {reviews.data.items.length > 0 && (
            <TableRegion label="Match reviews" minWidth={820}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr><Table.Th>Raised</Table.Th><Table.Th>From</Table.Th><Table.Th>Partner identity</Table.Th><Table.Th>Why</Table.Th><Table.Th>State</Table.Th><Table.Th>Decide</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {reviews.data.items.map(r => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{when(r.raisedAt)}</Table.Td>
                      <Table.Td>{r.source}</Table.Td>
                      <Table.Td>{r.externalIdentity}{r.email && <Text size="xs">{r.email}</Text>}</Table.Td>
                      <Table.Td><Text size="sm" maw={280}>{r.reason}</Text></Table.Td>
                      <Table.Td><Badge variant="dot" color={r.status === 'Open' ? 'blue' : r.status === 'Linked' ? 'teal' : 'gray'}>{r.status}</Badge></Table.Td>
                      <Table.Td>
                        {r.status === 'Open' ? (
                          <Group gap="xs" wrap="nowrap">
                            <Button size="xs" onClick={() => setLinking(r)} aria-label={`Link ${r.externalIdentity} to a member`}>Link</Button>
                            <Button size="xs" variant="default" loading={dismiss.isPending && dismiss.variables === r.id} onClick={() => dismiss.mutate(r.id)}
                              aria-label={`Dismiss ${r.externalIdentity}`}>Dismiss</Button>
                          </Group>
                        ) : <Text size="sm">{when(r.resolvedAt)}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          )}
          <ListFooter totalPages={reviews.data.totalPages} page={page} onChange={setPage} isEmpty={reviews.data.items.length === 0}
            empty={status === 'Open' ? 'Nothing to review: every partner record was matched.' : 'No review in this state.'} />
        </>
      )}
      {linking && <LinkDialog review={linking} onClose={() => setLinking(null)} />}
    </>
  );
}

// The candidates the hub found, and any member staff search for by name, email or AMS id.
function LinkDialog({ review, onClose }: { review: Review; onClose: () => void }) {
  const queries = useQueryClient();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const candidates = useQueries({
    queries: review.candidateMemberIds.map(id => ({
      queryKey: ['members', id],
      queryFn: async () => {
        const { data, error } = await api.GET('/api/v1/members/{id}', { params: { path: { id } } });
        if (error) throw error;
        return data;
      },
    })),
  });
  const found = useQuery({
    queryKey: ['members', 'search', search],
    enabled: search.trim().length >= 2,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/members', { params: { query: { Q: search.trim(), PageSize: 10 } } });
      if (error) throw error;
      return data.items;
    },
  });
  const options = new Map<string, string>();
  for (const c of candidates) if (c.data) options.set(c.data.id, `${memberLabel(c.data)} (candidate)`);
  for (const m of found.data ?? []) if (!options.has(m.id)) options.set(m.id, memberLabel(m));

  const link = useMutation({
    mutationFn: async (memberId: string) => {
      const { data, error } = await api.POST('/api/v1/match-reviews/{id}/link', { params: { path: { id: review.id } }, body: { memberId } });
      if (error) throw error;
      return data;
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['match-reviews'] });
      onClose();
    },
  });
  const problem = link.error as Problem | null;

  return (
    <Modal opened onClose={onClose} title={`Link ${review.externalIdentity} to a member`} closeButtonProps={{ 'aria-label': 'Close' }} transitionProps={{ duration: 0 }}>
      <Stack gap="sm">
        <Text size="sm">{review.reason}</Text>
        {problem && !problem.errors && <ProblemNotice>{describe(problem)}</ProblemNotice>}
        <Select label="Member" description="A candidate, or search by name, email or AMS id" searchable data={[...options].map(([value, label]) => ({ value, label }))}
          value={chosen} onChange={setChosen} searchValue={search} onSearchChange={setSearch} nothingFoundMessage={search.trim().length >= 2 ? 'No member matches' : 'Type to search'}
          error={problem?.errors?.memberId?.join(' ')} comboboxProps={{ transitionProps: { duration: 0 } }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button disabled={!chosen} loading={link.isPending} onClick={() => chosen && link.mutate(chosen)}>Link member</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
