import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';

/**
 * What a screen that broke shows instead of a blank page: what happened, in words, and what to do next. A failed
 * API call is shown by the screen itself, beside what it was doing; this catches everything else.
 */
export function ScreenError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NoSuchScreen />;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : null;
  return (
    <Paper withBorder p="lg" m="md" role="alert" maw={640}>
      <Title order={2} size="h3">This screen stopped working</Title>
      <Text mt="sm">Something on this page went wrong. Reload it to try again; what you saved before is kept.</Text>
      {detail && <Text mt="xs" size="sm" c="dimmed">{detail}</Text>}
      <Group mt="md">
        <Button onClick={() => window.location.reload()}>Reload</Button>
        <Button component={Link} to="/" variant="default">Go to the dashboard</Button>
      </Group>
    </Paper>
  );
}

/** An address under /admin that is not a screen. */
export function NoSuchScreen() {
  return (
    <Paper withBorder p="lg" m="md" role="alert" maw={640}>
      <Title order={2} size="h3">No such screen</Title>
      <Text mt="sm">This address is not a screen of the console. It may have been mistyped or come from an old link.</Text>
      <Button mt="md" component={Link} to="/">Go to the dashboard</Button>
    </Paper>
  );
}
