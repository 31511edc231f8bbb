import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/** A wide table that scrolls sideways on a phone; the region can take focus, so a keyboard can scroll it too. It is the
 * containing block of what it holds, so visually hidden headers stay inside it instead of widening the page. */
export function TableRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
