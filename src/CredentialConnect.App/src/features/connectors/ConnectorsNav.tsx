import { Button, Group, Pagination, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';

const sections = [
  { to: '/connectors', label: 'Connectors' },
  { to: '/connectors/outbox', label: 'Outbox' },
  { to: '/connectors/dead-letters', label: 'Dead letters' },
  { to: '/connectors/held-events', label: 'Held events' },
  { to: '/connectors/match-reviews', label: 'Match reviews' },
];

export const when = (at?: string | null) => (at ? new Date(at).toLocaleString() : '—');

/** The title of a connectors screen and the links between its sections, so each section has its own address. */
export function ConnectorsHeader({ title, children }: { title: string; children?: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <>
      <Group component="nav" aria-label="Connectors sections" gap={4} mb="md" wrap="wrap">
        {sections.map(s => {
          const current = pathname === s.to;
          return (
            <Button key={s.to} component={Link} to={s.to} size="xs" color="blue.9" variant={current ? 'filled' : 'default'}
              aria-current={current ? 'page' : undefined}>{s.label}</Button>
          );
        })}
      </Group>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Title order={2}>{title}</Title>
        {children}
      </Group>
    </>
  );
}

/** A failure in words, with what to do; bordered rather than tinted, so its text keeps full contrast. */
export function ProblemNotice({ title, children, mb }: { title?: string; children: ReactNode; mb?: string }) {
  return (
    <Paper withBorder p="sm" role="alert" mb={mb} maw={720}>
      {title && <Text fw={700} c="red.9">{title}</Text>}
      <Text size="sm" c="red.9">{children}</Text>
    </Paper>
  );
}

/** The page number of a list, kept in the URL so the list can be linked and reloaded. */
export function usePageParam() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p)); else next.delete('page');
    setParams(next, { replace: true });
  };
  return [page, setPage] as const;
}

/** Page controls under a list, or what to say when the list is empty. */
export function ListFooter({ totalPages, page, onChange, isEmpty, empty }: {
  totalPages: number; page: number; onChange: (page: number) => void; isEmpty: boolean; empty: string;
}) {
  if (isEmpty) return <Text mt="md">{empty}</Text>;
  if (totalPages <= 1) return null;
  return (
    <Pagination mt="md" total={totalPages} value={page} onChange={onChange}
      getControlProps={c => ({ 'aria-label': c === 'next' ? 'Next page' : c === 'previous' ? 'Previous page' : c })} />
  );
}
