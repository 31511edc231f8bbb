import { Button, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Pager, useUrlFilters } from '../../components/lookups';

const sections = [
  { to: '/connectors', label: 'Connectors' },
  { to: '/connectors/outbox', label: 'Outbox' },
  { to: '/connectors/dead-letters', label: 'Dead letters' },
  { to: '/connectors/held-events', label: 'Held events' },
  { to: '/connectors/match-reviews', label: 'Match reviews' },
];

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

/** The page number of a list, kept in the URL so the list can be linked and reloaded. */
export function usePageParam() {
  const { page, set } = useUrlFilters();
  return [page, (p: number) => set({ page: p > 1 ? String(p) : undefined })] as const;
}

/** Page controls under a list, or what to say when the list is empty. */
export function ListFooter({ totalPages, page, onChange, isEmpty, empty }: {
  totalPages: number; page: number; onChange: (page: number) => void; isEmpty: boolean; empty: string;
}) {
  if (isEmpty) return <Text mt="md">{empty}</Text>;
  return <Pager total={totalPages} value={page} onChange={onChange} />;
}
