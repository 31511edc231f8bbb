import { Badge, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { ImportStatus } from './importsApi';


const statuses: Record<ImportStatus, { label: string; color: string }> = {
  Uploaded: { label: 'Uploaded', color: 'gray.8' },
  Validating: { label: 'Checking', color: 'indigo.8' },
  Validated: { label: 'Ready to commit', color: 'teal.9' },
  Invalid: { label: 'Has errors', color: 'red.9' },
  Committing: { label: 'Importing', color: 'indigo.8' },
  Committed: { label: 'Imported', color: 'teal.9' },
  Failed: { label: 'Failed', color: 'red.9' },
};

export function StatusBadge({ status }: { status: ImportStatus }) {
  const s = statuses[status];
  return <Badge variant="outline" color={s.color}>{s.label}</Badge>;
}

/** A run's progress: a bar assistive technology reads as a number, and the rows in words. */
export function RunProgress({ title, processed, total }: { title: string; processed: number; total: number }) {
  const percent = total === 0 ? 0 : Math.min(100, Math.floor((processed * 100) / total));
  return (
    <Paper withBorder p="md" aria-labelledby="run-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="run-title">{title}</Title>
        <Progress value={percent} size="lg" aria-label={title} />
        <Text size="sm" aria-live="polite">
          {total === 0 ? 'Reading the file…' : `${processed.toLocaleString()} of ${total.toLocaleString()} rows (${percent}%)`}
        </Text>
        <Text size="sm" c="dimmed">You can leave this page: the import goes on, and this page shows where it stands when you come back.</Text>
      </Stack>
    </Paper>
  );
}
