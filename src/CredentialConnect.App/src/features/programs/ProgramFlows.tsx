import { Anchor, Badge, Button, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, describe } from '../../api/client';
import { dataOf } from '../../api/data';
import { ProblemNotice } from '../../components/ProblemNotice';

/** The flows that serve a program (approval, reminders, nurture), each opening in the designer, and a new one from a shipped template. */
export function ProgramFlows({ code, readOnly }: { code: string; readOnly: boolean }) {
  const navigate = useNavigate();
  const flows = useQuery({
    queryKey: ['workflow-definitions', 'program', code],
    queryFn: () => dataOf(api.GET('/api/v1/workflow-definitions', { params: { query: { Program: code, Page: 1, PageSize: 50 } } })),
  });
  const templates = useQuery({ queryKey: ['workflow-templates'], queryFn: () => dataOf(api.GET('/api/v1/workflow-templates')), staleTime: 300_000 });
  const [template, setTemplate] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (name: string) => dataOf(api.POST('/api/v1/workflow-templates/{name}/use', { params: { path: { name } }, body: { program: code } })),
    onSuccess: flow => navigate(`/workflows/${encodeURIComponent(flow.definitionId)}`),
  });
  if (flows.isPending) return <Skeleton h={60} />;
  if (flows.isError) return <Text size="sm" role="alert">{describe(flows.error)}</Text>;
  const has = new Set(flows.data.items.map(f => f.definitionId));
  const unused = (templates.data ?? []).filter(t => !has.has(`${code.toLowerCase()}-${t.name}`));
  return (
    <Stack gap="sm">
      {flows.data.items.length === 0
        ? <Text size="sm" c="dimmed">No flow serves this program yet; flows for every program still apply.</Text>
        : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {flows.data.items.map(f => (
              <Group key={f.definitionId} gap="xs" component="li">
                <Anchor component={Link} to={`/workflows/${encodeURIComponent(f.definitionId)}`} size="sm">{f.name}</Anchor>
                <Badge variant="dot" color={f.publishedVersion ? 'green' : 'gray'} size="sm">{f.publishedVersion ? `v${f.publishedVersion} published` : 'draft'}{f.isDisabled ? ' · disabled' : ''}</Badge>
              </Group>
            ))}
          </Stack>
        )}
      {!readOnly && unused.length > 0 && (
        <Group align="flex-end" gap="xs">
          <Select label="Create from a template" placeholder="Choose a template" value={template} onChange={setTemplate} w={{ base: '100%', sm: 320 }}
            data={unused.map(t => ({ value: t.name, label: `${t.displayName}${t.startedBy.length ? ` (on ${t.startedBy.join(', ')})` : ''}` }))} />
          <Button variant="default" disabled={!template} loading={create.isPending} onClick={() => template && create.mutate(template)}>Create draft</Button>
        </Group>
      )}
      {create.isError && <ProblemNotice title="The flow was not created"><Text size="sm">{describe(create.error)}</Text></ProblemNotice>}
    </Stack>
  );
}
