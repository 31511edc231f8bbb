import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A problem the person must see, announced to screen readers; a bordered box because Alert's tinted colours fail contrast. */
export function ProblemNotice({ title, children, mb }: { title?: string; children?: ReactNode; mb?: string }) {
  return (
    <Paper withBorder p="md" role="alert" mb={mb} style={{ borderColor: 'var(--mantine-color-red-9)' }}>
      {title && <Text fw={600}>{title}</Text>}
      {children}
    </Paper>
  );
}
