import { Button, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, describe, type Problem } from '../../api/client';
import { errorAt, fieldErrorsOf } from './fieldErrors';
import { ProblemNotice } from '../../components/ProblemNotice';

type Row = { activityId: string; category: string; hours: string; passingScorePercent: string };
const blankRow: Row = { activityId: '', category: '', hours: '', passingScorePercent: '' };
const number = (t: string) => (t.trim() === '' ? null : Number.isNaN(Number(t)) ? t : Number(t));

/**
 * Which LMS activities count for the program: exam activities, and courses that earn CE hours in a category. Saved on
 * its own; the hub names the row of every problem, and the row shows it.
 */
export function LearningMapEditor({ programId, version, readOnly, onSaved }: { programId: string; version: number; readOnly: boolean; onSaved: (version: number) => void }) {
  const map = useQuery({
    queryKey: ['programs', programId, 'learning'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/programs/{id}/learning', { params: { path: { id: programId } } });
      if (error) throw error;
      return data;
    },
  });
  const [exams, setExams] = useState<Row[]>([]);
  const [courses, setCourses] = useState<Row[]>([]);
  useEffect(() => {
    if (!map.data) return;
    setExams(map.data.exams.map(e => ({ ...blankRow, activityId: e.activityId, passingScorePercent: e.passingScorePercent?.toString() ?? '' })));
    setCourses(map.data.courses.map(c => ({ ...blankRow, activityId: c.activityId, category: c.category, hours: c.hours.toString() })));
  }, [map.data]);

  const save = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.PUT('/api/v1/programs/{id}/learning', {
        params: { path: { id: programId } },
        body: {
          version,
          exams: exams.map(e => ({ activityId: e.activityId, passingScorePercent: number(e.passingScorePercent) as number | null })),
          courses: courses.map(c => ({ activityId: c.activityId, category: c.category, hours: number(c.hours) as number | null })),
        },
      });
      if (error) throw error;
      return data;
    },
    onSuccess: data => onSaved(data.version),
  });
  const errors = fieldErrorsOf(save.error);
  const problem = save.error as Problem | null;

  if (map.isError) return <ProblemNotice title="The learning map could not be loaded"><Text size="sm">{describe(map.error)} Reload the page to try again.</Text></ProblemNotice>;
  if (map.isPending) return <Skeleton h={120} />;

  const rows = (list: Row[], set: (rows: Row[]) => void, kind: 'exams' | 'courses') => list.map((row, i) => {
    const at = (field: string) => errorAt(errors, `${kind}[${i}].${field}`);
    const change = (c: Partial<Row>) => set(list.map((r, j) => (j === i ? { ...r, ...c } : r)));
    const name = kind === 'exams' ? `Exam activity ${i + 1}` : `Course ${i + 1}`;
    return (
      <Paper key={i} withBorder p="sm" role="group" aria-label={name}>
        <Group gap="sm" align="flex-start">
          <TextInput label="LMS activity id" placeholder="https://lms.example.org/activities/..." style={{ flex: '1 1 260px' }}
            value={row.activityId} error={at('activityId')} onChange={e => change({ activityId: e.currentTarget.value })} />
          {kind === 'exams' ? (
            <TextInput label="Passing score %" inputMode="decimal" w={140} value={row.passingScorePercent} error={at('passingScorePercent')}
              onChange={e => change({ passingScorePercent: e.currentTarget.value })} />
          ) : (
            <>
              <TextInput label="CE category" w={160} value={row.category} error={at('category')} onChange={e => change({ category: e.currentTarget.value })} />
              <TextInput label="Hours" inputMode="decimal" w={100} value={row.hours} error={at('hours')} onChange={e => change({ hours: e.currentTarget.value })} />
            </>
          )}
          {!readOnly && <Button mt={24} size="xs" variant="default" aria-label={`Remove ${name}`} onClick={() => set(list.filter((_, j) => j !== i))}>Remove</Button>}
        </Group>
      </Paper>
    );
  });

  return (
    <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Stack gap="sm">
        <Title order={4} size="h6">Exam activities</Title>
        {exams.length === 0 && <Text size="sm" c="dimmed">No exam activity mapped.</Text>}
        {rows(exams, setExams, 'exams')}
        <Title order={4} size="h6">Courses that earn CE</Title>
        {courses.length === 0 && <Text size="sm" c="dimmed">No course mapped.</Text>}
        {rows(courses, setCourses, 'courses')}
        {problem && !problem.errors && <ProblemNotice title="The learning map was not saved"><Text size="sm">{describe(problem)}</Text></ProblemNotice>}
        {save.isSuccess && <Text size="sm" role="status">Saved; {save.data.statementsApplied} LMS statements already received were applied.</Text>}
        {!readOnly && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setExams([...exams, blankRow])}>Add exam activity</Button>
            <Button size="xs" variant="default" onClick={() => setCourses([...courses, blankRow])}>Add course</Button>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate()}>Save learning map</Button>
          </Group>
        )}
      </Stack>
    </fieldset>
  );
}
