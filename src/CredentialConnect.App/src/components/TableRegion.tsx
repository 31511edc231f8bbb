import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/** A wide table that scrolls sideways on a phone; the region can take focus, so a keyboard can scroll it too. */
export function TableRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
