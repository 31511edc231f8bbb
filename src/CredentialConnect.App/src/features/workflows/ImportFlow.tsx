import { FileInput, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, describe, type Problem } from '../../api/client';
import { ProblemNotice } from '../../components/ProblemNotice';

/** Imports a flow exported from this or another hub: a malformed file or one naming unknown activities is refused with every reason. */
export function ImportFlow() {
  const navigate = useNavigate();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch (e) {
        throw { title: `“${file.name}” is not JSON`, detail: (e as Error).message } satisfies Problem;
      }
      const { data, error } = await api.POST('/api/v1/workflow-definitions/import', { body: body as never });
      if (error) throw error;
      return data;
    },
    onSuccess: imported => navigate(`/workflows/${encodeURIComponent(imported.definitionId)}`),
  });
  const problem = upload.error as Problem | null;
  const reasons = Object.entries(problem?.errors ?? {}).flatMap(([field, messages]) => messages.map(m => `${field}: ${m}`));
  return (
    <div>
      <FileInput label="Import a flow" description="A flow exported as JSON: a new flow, or the next draft of one with the same id" accept="application/json,.json"
        clearable value={null} onChange={f => f && upload.mutate(f)} w={{ base: '100%', sm: 360 }} />
      {problem && (
        <ProblemNotice title="The flow was not imported" mb="xs">
          <Text size="sm">{problem.title && problem.detail ? `${problem.title}: ${problem.detail}` : describe(problem)}</Text>
          {reasons.map(r => <Text key={r} size="sm">{r}</Text>)}
        </ProblemNotice>
      )}
    </div>
  );
}
