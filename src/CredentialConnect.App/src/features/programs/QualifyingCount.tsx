import { Loader, Paper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, describe, type Problem } from '../../api/client';
import { toJson, type CriterionNode } from './criteria';

/** How many members meet the criteria as they stand in the editor, asked of the hub a moment after each change. */
export function QualifyingCount({ criteria, programId, applicationForm }: { criteria: CriterionNode | null; programId?: string; applicationForm: unknown }) {
  const body = JSON.stringify({ eligibilityCriteria: criteria ? toJson(criteria) : null, applicationForm: applicationForm ?? null, programId: programId ?? null });
  const [debounced] = useDebouncedValue(body, 400);
  const count = useQuery({
    queryKey: ['programs', 'qualifying', debounced],
    queryFn: async () => {
      const { data, error } = await api.POST('/api/v1/programs/criteria/qualifying', { body: JSON.parse(debounced) });
      if (error) throw error;
      return data;
    },
    placeholderData: keepPreviousData,
    retry: false,
  });
  const invalid = (count.error as Problem | null)?.errors;

  return (
    <Paper withBorder p="sm" role="status" aria-live="polite" aria-label="Who qualifies now">
      {count.isPending ? <Loader size="xs" aria-label="Counting members" />
        : invalid ? <Text size="sm">Finish the criteria to see who qualifies: {Object.values(invalid).flat()[0]}</Text>
        : count.isError ? <Text size="sm" c="red.9">{describe(count.error)}</Text>
        : (
          <Text size="sm">
            Who qualifies now: <strong data-testid="qualifying-count">{count.data.qualifying}</strong> of {count.data.members} members
            {(count.isFetching || body !== debounced) && ' (updating…)'}
          </Text>
        )}
    </Paper>
  );
}
