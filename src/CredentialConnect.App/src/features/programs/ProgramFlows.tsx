import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, describe } from '../../api/client';
import { dataOf } from '../../api/data';

/** The flows that serve a program (approval, reminders, nurture), each opening in the designer. */
export function ProgramFlows({ code }: { code: string }) {
  const flows = useQuery({
    queryKey: ['workflow-definitions', 'program', code],
    queryFn: () => dataOf(api.GET('/api/v1/workflow-definitions', { params: { query: { Program: code, Page: 1, PageSize: 50 } } })),
  });
  if (flows.isPending) return <Skeleton h={60} />;
  if (flows.isError) return <Text size="sm" role="alert">{describe(flows.error)}</Text>;
  if (flows.data.items.length === 0) return <Text size="sm" c="dimmed">No flow serves this program yet; flows for every program still apply.</Text>;
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {flows.data.items.map(f => (
        <Group key={f.definitionId} gap="xs" component="li">
          <Anchor component={Link} to={`/workflows/${encodeURIComponent(f.definitionId)}`} size="sm">{f.name}</Anchor>
          <Badge variant="dot" color={f.publishedVersion ? 'green' : 'gray'} size="sm">{f.publishedVersion ? `v${f.publishedVersion} published` : 'draft'}{f.isDisabled ? ' · disabled' : ''}</Badge>
        </Group>
      ))}
    </Stack>
  );
}
