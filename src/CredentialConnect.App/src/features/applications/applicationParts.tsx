import { Badge, Group, List, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '../../api/client';
import { dataOf } from '../../api/data';

/** The queue's default: submitted and in review are both waiting for a decision. */
export const WAITING = 'Submitted,InReview';

const statusColor: Record<Schemas['ApplicationStatus'], string> = {
  Draft: 'gray', Submitted: 'blue', InReview: 'indigo', Approved: 'teal', Rejected: 'red', Withdrawn: 'gray',
};
export const statusLabel: Record<Schemas['ApplicationStatus'], string> = {
  Draft: 'Draft', Submitted: 'Submitted', InReview: 'In review', Approved: 'Approved', Rejected: 'Rejected', Withdrawn: 'Withdrawn',
};

export function StatusBadge({ status }: { status: Schemas['ApplicationStatus'] }) {
  return <Badge variant="dot" color={statusColor[status]}>{statusLabel[status]}</Badge>;
}

/** Assigns an application to a reviewer ("me" or an account id); the queue and the application are read again. */
export function useAssign() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reviewerId, version }: { id: string; reviewerId: string; version: number }) =>
      dataOf(api.POST('/api/v1/applications/{id}/assign', { params: { path: { id } }, body: { reviewerId, version } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['applications'] }),
  });
}

/**
 * The eligibility check's verdict, criterion by criterion, as the hub wrote it at submission: what each asks,
 * whether it is met, what was found and what would close the gap. Combinators (all, any, not) list their parts.
 */
export function CriterionExplanation({ result }: { result: Schemas['CriterionResult'] }) {
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon size="sm" radius="xl" color={result.met ? 'teal.9' : 'red.9'} aria-hidden>
          <Text size="xs" c="white" fw={700}>{result.met ? '✓' : '✗'}</Text>
        </ThemeIcon>
        <div>
          <Text size="sm" fw={600}>
            {result.requirement} <Text span size="sm" fw={700} c={result.met ? 'teal.9' : 'red.9'}>{result.met ? 'Met' : 'Not met'}</Text>
          </Text>
          <Text size="sm">Found: {result.found}</Text>
          {result.gap && <Text size="sm">Missing: {result.gap}</Text>}
        </div>
      </Group>
      {!result.met && !result.parts?.length && (
        <Progress value={Number(result.progress) * 100} size="sm" color="indigo.8" aria-label={`${result.requirement}: progress`} ml={32} />
      )}
      {result.parts && result.parts.length > 0 && (
        <List listStyleType="none" withPadding spacing="xs" ml="md">
          {result.parts.map(part => <List.Item key={part.path}><CriterionExplanation result={part} /></List.Item>)}
        </List>
      )}
    </Stack>
  );
}
