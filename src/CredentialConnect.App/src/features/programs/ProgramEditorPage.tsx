import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { isAdmin, useWhoAmI } from '../../api/session';
import { ApplicationFormEditor } from './ApplicationFormEditor';
import { BadgeArtwork } from './BadgeArtwork';
import { CeCategoriesEditor } from './CeCategoriesEditor';
import { CriteriaBuilder } from './CriteriaBuilder';
import { errorAt, unclaimed } from './fieldErrors';
import { LearningMapEditor } from './LearningMapEditor';
import { ProgramFlows } from './ProgramFlows';
import { ProgramLifecycle } from './ProgramLifecycle';
import { statusColor } from './ProgramsPage';
import { draftOf, newDraft, parseForm, writeOf, type ProgramDraft } from './programDraft';
import { ProblemNotice } from '../../components/ProblemNotice';

// Errors whose keys a control on this screen shows; any other is listed above the form.
const shownHere = /^(code|name|kind|description|criteriaNarrative|validityPeriod|eligibilityCriteria|recertification|applicationForm)\b/;

const isStale = (p: Problem | null) => p?.status === 409 && !p.detail?.startsWith('A program with code');

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">{title}</Title>
      {children}
    </Paper>
  );
}

/** One program, created or edited: its details, criteria, CE rules and form; then its learning map, artwork and lifecycle. */
export function ProgramEditorPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const queries = useQueryClient();
  const me = useWhoAmI();
  const readOnly = !isAdmin(me.data?.roles);

  const program = useQuery({
    queryKey: ['programs', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/programs/{id}', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
    enabled: !isNew,
    refetchOnWindowFocus: false,
  });

  // The version edits apply to, and the edits themselves; neither follows a refetch until the person asks.
  const [base, setBase] = useState<Schemas['ProgramResponse'] | undefined>();
  const [draft, setDraft] = useState<ProgramDraft | null>(isNew ? newDraft : null);
  useEffect(() => {
    if (program.data && !base) {
      setBase(program.data);
      setDraft(draftOf(program.data));
    }
  }, [program.data, base]);

  const accept = (saved: Schemas['ProgramResponse']) => {
    setBase(saved);
    setDraft(draftOf(saved));
    queries.setQueryData(['programs', saved.id], saved);
    void queries.invalidateQueries({ queryKey: ['programs'], exact: false, refetchType: 'none' });
  };

  const save = useMutation({
    mutationFn: async (body: Schemas['ProgramWrite']) => {
      const { data, error } = isNew
        ? await api.POST('/api/v1/programs', { body })
        : await api.PUT('/api/v1/programs/{id}', { params: { path: { id } }, body });
      if (error) throw error;
      return data;
    },
    onSuccess: saved => {
      accept(saved);
      if (isNew) navigate(`/programs/${saved.id}`, { replace: true });
    },
  });

  const reload = async () => {
    const fresh = await program.refetch();
    if (fresh.data) {
      save.reset();
      setBase(fresh.data);
      setDraft(draftOf(fresh.data));
    }
  };

  if (!isNew && program.isError && !base)
    return <ProblemNotice title="This program could not be loaded"><Text size="sm">{describe(program.error)} Go back to the programs list and open it again.</Text></ProblemNotice>;
  if (!draft) return <Skeleton h={400} />;

  const problem = save.error as Problem | null;
  const errors = problem?.errors;
  const formInvalid = parseForm(draft.applicationForm) === undefined;
  const set = (change: Partial<ProgramDraft>) => setDraft({ ...draft, ...change });
  const dirty = !base || JSON.stringify(draft) !== JSON.stringify(draftOf(base));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!formInvalid) save.mutate(writeOf(draft, base, base?.version));
  };
  const others = unclaimed(errors, shownHere);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/programs" size="sm">← Programs</Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{base ? `${base.code} · ${base.name}` : 'New program'}</Title>
        {base && <Badge variant="dot" size="lg" color={statusColor[base.status] ?? 'gray'}>{base.status}</Badge>}
      </Group>
      {readOnly && <Paper withBorder p="sm"><Text size="sm">You can read this program. Only Admins can change, publish or retire it.</Text></Paper>}

      {isStale(problem) && (
        <ProblemNotice title="Someone else changed this program since you opened it.">
          <Text size="sm" mb="sm">Your changes were not saved. Reload to get their version, then make your changes again.</Text>
          <Button size="xs" onClick={reload} loading={program.isFetching}>Reload</Button>
        </ProblemNotice>
      )}
      {problem && !errors && !isStale(problem) && <ProblemNotice title="Not saved"><Text size="sm">{describe(problem)}</Text></ProblemNotice>}
      {errors && (
        <ProblemNotice title="Not saved: some fields need attention">
          <Text size="sm">Each problem is shown on its field below.</Text>
          {others.map(([key, message]) => <Text key={key} size="sm">{key}: {message}</Text>)}
        </ProblemNotice>
      )}

      <form onSubmit={submit} noValidate aria-label="Program">
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <Section title="Details">
              <Stack gap="sm">
                <Group gap="sm" align="flex-start">
                  <TextInput label="Code" description="Capitals, digits, hyphens: CAE" required w={220} value={draft.code}
                    error={errorAt(errors, 'code') ?? (problem?.status === 409 && !isStale(problem) ? problem.detail : undefined)}
                    onChange={e => set({ code: e.currentTarget.value.toUpperCase() })} />
                  <TextInput label="Name" required style={{ flex: '1 1 260px' }} value={draft.name} error={errorAt(errors, 'name')}
                    onChange={e => set({ name: e.currentTarget.value })} />
                </Group>
                <Group gap="sm" align="flex-start">
                  <Select label="Kind" w={200} allowDeselect={false} value={draft.kind} error={errorAt(errors, 'kind')} comboboxProps={{ transitionProps: { duration: 0 } }}
                    data={[{ value: 'Certification', label: 'Certification' }, { value: 'Certificate', label: 'Certificate' }, { value: 'MicroCredential', label: 'Micro-credential' }]}
                    onChange={k => k && set({ kind: k as ProgramDraft['kind'] })} />
                  <TextInput label="Valid for" description="ISO 8601, e.g. P3Y; empty: never expires" w={260}
                    value={draft.validityPeriod} error={errorAt(errors, 'validityPeriod')} onChange={e => set({ validityPeriod: e.currentTarget.value.toUpperCase() })} />
                </Group>
                <Checkbox label="An exam is required" checked={draft.examRequired} onChange={e => set({ examRequired: e.currentTarget.checked })} />
                <Textarea label="Description" autosize minRows={2} value={draft.description} error={errorAt(errors, 'description')}
                  onChange={e => set({ description: e.currentTarget.value })} />
                <Textarea label="Criteria in words" description="Shown on the badge and to members" autosize minRows={2} value={draft.criteriaNarrative}
                  error={errorAt(errors, 'criteriaNarrative')} onChange={e => set({ criteriaNarrative: e.currentTarget.value })} />
              </Stack>
            </Section>
            <Section title="Eligibility criteria">
              <CriteriaBuilder value={draft.criteria} onChange={criteria => set({ criteria })} errors={errors} programId={base?.id}
                applicationForm={parseForm(draft.applicationForm)?.value ?? null} />
            </Section>
            <Section title="Continuing education">
              <CeCategoriesEditor value={draft} onChange={set} errors={errors} />
            </Section>
            <Section title="Application form">
              <ApplicationFormEditor value={draft.applicationForm} onChange={applicationForm => set({ applicationForm })} readOnly={readOnly}
                error={errorAt(errors, 'applicationForm')} />
            </Section>
          </Stack>
        </fieldset>
        {!readOnly && (
          <Group mt="md" gap="sm">
            <Button type="submit" loading={save.isPending} disabled={formInvalid}>{isNew ? 'Create program' : 'Save changes'}</Button>
            {base && <ProgramLifecycle program={base} version={base.version} onDone={accept} disabled={dirty} />}
            {base && dirty && <Text size="sm" c="dimmed">Save your changes before publishing or retiring.</Text>}
          </Group>
        )}
      </form>

      {base && (
        <>
          <Section title="Learning map">
            <LearningMapEditor programId={base.id} version={base.version} readOnly={readOnly}
              onSaved={version => void program.refetch().then(r => r.data && r.data.version === version && setBase(r.data))} />
          </Section>
          <Section title="Badge artwork">
            <BadgeArtwork programId={base.id} readOnly={readOnly} />
          </Section>
          <Section title="Flows">
            <ProgramFlows code={base.code} readOnly={readOnly} />
          </Section>
        </>
      )}
    </Stack>
  );
}
