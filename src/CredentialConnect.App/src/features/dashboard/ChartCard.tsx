import { Alert, Card, Group, SegmentedControl, Skeleton, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { describe } from '../../api/client';
import { TableRegion } from '../../components/TableRegion';

/** A chart's numbers as a table: its column headings, and one row of cells per bar or month. */
export type ChartTable = { columns: string[]; rows: (string | number)[][] };

type Props = {
  id: string;
  title: string;
  /** A headline figure above the chart, such as a rate; shown in both views. */
  summary?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown };
  chart: () => ReactNode;
  table: () => ChartTable;
};

/** One dashboard chart with a table view of the same numbers, so the figures can be read without seeing the chart. */
export function ChartCard({ id, title, summary, query, chart, table }: Props) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const titleId = `${id}-title`;
  const content = () => {
    if (view === 'chart')
      return (
        <div role="img" aria-label={`${title}, as a chart; the table view lists the same numbers.`}>
          {chart()}
        </div>
      );
    const { columns, rows } = table();
    return (
      <TableRegion label={`${title}, as a table`} minWidth={120 * columns.length}>
        <Table striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>{columns.map((c, i) => <Table.Th key={c} ta={i === 0 ? undefined : 'right'}>{c}</Table.Th>)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(row => (
              <Table.Tr key={String(row[0])}>
                {row.map((cell, i) => <Table.Td key={i} ta={i === 0 ? undefined : 'right'}>{cell}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableRegion>
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={3} size="h4" id={titleId}>{title}</Title>
        <SegmentedControl size="xs" value={view} onChange={v => setView(v as 'chart' | 'table')} aria-label={`Show ${title.toLowerCase()} as`}
          data={[{ label: 'Chart', value: 'chart' }, { label: 'Table', value: 'table' }]} />
      </Group>
      {query.isError && <Alert color="red.9" role="alert" title="Could not load">{describe(query.error)} Reload the page to try again.</Alert>}
      {query.isPending ? <Skeleton h={240} /> : !query.isError && (
        <>
          {summary && <Text size="sm" mb="xs">{summary}</Text>}
          {content()}
        </>
      )}
    </Card>
  );
}

/** A share (0 to 1) as staff read it: "42.9%", or a dash when there was nothing to count. */
export function percent(rate: number | null | undefined) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A count with its noun, singular for one: "1 download", "3 downloads". */
export function counted(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
