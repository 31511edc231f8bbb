import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { isAdmin, useWhoAmI } from '../api/session';

/** A screen only Admins use; anyone else who follows a link to it is told so, not shown an empty page. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const me = useWhoAmI();
  if (!isAdmin(me.data?.roles))
    return (
      <Paper withBorder p="md" role="alert" maw={560}>
        <Title order={2} size="h4">Not allowed</Title>
        <Text mt="xs">This screen is for Admins. Ask an Admin if you need something here.</Text>
      </Paper>
    );
  return <>{children}</>;
}
