import { memo } from 'react';
import { Anchor, Paper, Stack, Text } from '@mantine/core';
import type { FlowProblem } from './model';

/** Every problem the validator found; choosing one selects its activity and puts the cursor in its field. */
export const ProblemsPanel = memo(function ProblemsPanel({ problems, onChoose }: { problems: FlowProblem[]; onChoose: (problem: FlowProblem) => void }) {
  return (
    <Paper withBorder p="xs" component="section" aria-label="Problems">
      <Text size="sm" fw={600}>{problems.length === 0 ? 'No problems: the flow can be published.' : `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before publishing`}</Text>
      {problems.length > 0 && (
        <Stack gap={2} mt={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 160, overflowY: 'auto' }}>
          {problems.map((p, i) => (
            <li key={i}>
              {p.activityId
                ? <Anchor component="button" type="button" size="sm" c="red.9" onClick={() => onChoose(p)}>{p.activityId}{p.input ? ` · ${p.input}` : ''}: {p.message}</Anchor>
                : <Text size="sm" c="red.9">{p.message}</Text>}
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
});
