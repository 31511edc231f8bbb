import { Button, Group, Modal, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describe, type Schemas } from '../../api/client';
import { ProblemNotice } from '../../components/ProblemNotice';

const steps = {
  publish: {
    from: 'Draft', button: 'Publish', title: 'Publish this program?', confirm: 'Publish program', color: undefined,
    text: 'Members can apply as soon as it is published. A published program cannot go back to Draft; it can only be retired.',
  },
  retire: {
    from: 'Published', button: 'Retire', title: 'Retire this program?', confirm: 'Retire program', color: 'red.9',
    text: 'No one can apply or be awarded it any more. Credentials already awarded stay valid. Retiring cannot be undone.',
  },
} as const;

type Step = keyof typeof steps;

/** Publish (Draft → Published) and retire (Published → Retired), each confirmed first. */
export function ProgramLifecycle({ program, version, onDone, disabled }: {
  program: Schemas['ProgramResponse']; version: number; onDone: (p: Schemas['ProgramResponse']) => void; disabled: boolean;
}) {
  const [asking, setAsking] = useState<Step | null>(null);
  const run = useMutation({
    mutationFn: async (step: Step) => {
      const options = { params: { path: { id: program.id } }, body: { version } };
      const { data, error } = step === 'publish'
        ? await api.POST('/api/v1/programs/{id}/publish', options)
        : await api.POST('/api/v1/programs/{id}/retire', options);
      if (error) throw error;
      return data;
    },
    onSuccess: data => {
      setAsking(null);
      onDone(data);
    },
  });
  const step = asking ? steps[asking] : null;

  return (
    <>
      {(Object.keys(steps) as Step[]).filter(s => steps[s].from === program.status).map(s => (
        <Button key={s} variant="outline" color={steps[s].color} disabled={disabled} onClick={() => { run.reset(); setAsking(s); }}>{steps[s].button}</Button>
      ))}
      <Modal opened={step !== null} onClose={() => setAsking(null)} title={step?.title} closeButtonProps={{ 'aria-label': 'Close' }}
        transitionProps={{ duration: 0 }}>
        <Text size="sm" mb="md">{program.code} · {program.name}. {step?.text}</Text>
        {run.isError && <ProblemNotice title="Not done"><Text size="sm">{describe(run.error)}</Text></ProblemNotice>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(null)}>Cancel</Button>
          <Button color={step?.color} loading={run.isPending} onClick={() => asking && run.mutate(asking)}>{step?.confirm}</Button>
        </Group>
      </Modal>
    </>
  );
}
