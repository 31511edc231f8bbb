import { Button, Checkbox, ColorInput, Group, Image, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, describe, type Problem, type Schemas } from '../../api/client';
import { when } from '../../api/data';
import { fileForm, ImageUpload } from '../../components/ImageUpload';
import { ProblemNotice } from '../../components/ProblemNotice';

type Settings = Schemas['AssociationSettingsResponse'];
type Draft = { name: string; website: string; email: string; timeZone: string; locale: string; primaryColour: string; accentColour: string; publicBaseUrl: string };

const draftOf = (s: Settings): Draft => ({
  name: s.name, website: s.website ?? '', email: s.email ?? '', timeZone: s.timeZone, locale: s.locale,
  primaryColour: s.primaryColour, accentColour: s.accentColour, publicBaseUrl: s.publicBaseUrl,
});

/** The WCAG contrast of a #rrggbb colour against white; null when it is not one. The hub asks for at least 4.5:1. */
export function contrastWithWhite(colour: string): number | null {
  if (!/^#[0-9a-f]{6}$/i.test(colour)) return null;
  const [r, g, b] = [1, 3, 5].map(i => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

const readable = (colour: string) => (contrastWithWhite(colour) ?? 0) >= 4.5;

function contrastNote(colour: string) {
  const ratio = contrastWithWhite(colour);
  if (ratio === null) return 'A colour as #rrggbb.';
  return `Contrast with white ${ratio.toFixed(1)}:1 — ${ratio >= 4.5 ? 'readable' : 'too light; needs at least 4.5:1'}.`;
}

/** The association's own settings: its name, logo, colours, public address, time zone and locale. Admins only. */
export function AssociationSettingsPage() {
  const queries = useQueryClient();
  const settings = useQuery({
    queryKey: ['association', 'settings'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/association/settings');
      if (error) throw error;
      return data;
    },
    refetchOnWindowFocus: false,
  });

  // The version edits apply to, and the edits; neither follows a refetch until the person asks.
  const [base, setBase] = useState<Settings | undefined>();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [addressUnderstood, setAddressUnderstood] = useState(false);
  useEffect(() => {
    if (settings.data && !base) {
      setBase(settings.data);
      setDraft(draftOf(settings.data));
    }
  }, [settings.data, base]);

  const accept = (saved: Settings) => {
    setBase(saved);
    setDraft(draftOf(saved));
    setAddressUnderstood(false);
    queries.setQueryData(['association', 'settings'], saved);
    void queries.invalidateQueries({ queryKey: ['association', 'profile'] });
  };
  const save = useMutation({
    mutationFn: async (body: Schemas['AssociationSettingsWrite']) => {
      const { data, error } = await api.PUT('/api/v1/association/settings', { body });
      if (error) throw error;
      return data;
    },
    onSuccess: accept,
  });
  const reload = async () => {
    const fresh = await settings.refetch();
    if (fresh.data) {
      save.reset();
      accept(fresh.data);
    }
  };

  if (settings.isError && !base)
    return <ProblemNotice title="The association's settings could not be loaded"><Text size="sm">{describe(settings.error)}</Text></ProblemNotice>;
  if (!draft || !base) return <Skeleton h={400} />;

  const problem = save.error as Problem | null;
  const errors = problem?.errors;
  const field = (name: string) => errors?.[name]?.join(' ');
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const addressChanged = draft.publicBaseUrl.trim().replace(/\/+$/, '') !== base.publicBaseUrl;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(base));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...draft, version: base.version });
  };
  const logoChanged = async () => {
    const { data } = await api.GET('/api/v1/association/settings');
    if (data) setBase({ ...base, logoUrl: data.logoUrl ?? null });
    void queries.invalidateQueries({ queryKey: ['association', 'profile'] });
  };

  return (
    <Stack gap="lg">
      <Title order={2}>Association settings</Title>
      <Text size="sm" c="dimmed">
        What members, employers and partners see of the association: the public pages, badges and messages use these.
        {base.updatedAt ? ` Last saved ${when(base.updatedAt)} by ${base.updatedBy}.` : ' Nothing saved here yet: these come from the hub\'s configuration.'}
      </Text>

      {problem?.status === 409 && (
        <ProblemNotice title="Someone else changed these settings since you opened them.">
          <Text size="sm" mb="sm">Your changes were not saved. Reload to get their version, then make your changes again.</Text>
          <Button size="xs" onClick={reload} loading={settings.isFetching}>Reload</Button>
        </ProblemNotice>
      )}
      {problem && !errors && problem.status !== 409 && <ProblemNotice title="Not saved"><Text size="sm">{describe(problem)}</Text></ProblemNotice>}
      {errors && <ProblemNotice title="Not saved: some fields need attention"><Text size="sm">Each problem is shown on its field below.</Text></ProblemNotice>}
      {save.isSuccess && !dirty && <Text size="sm" role="status">Saved. Every node uses the new settings within seconds.</Text>}

      <form onSubmit={submit} noValidate aria-label="Association settings">
        <Stack gap="md" maw={640}>
          <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Who the association is">
            <Title order={3} size="h4" mb="sm">Who the association is</Title>
            <Stack gap="sm">
              <TextInput label="Name" required value={draft.name} onChange={e => set({ name: e.currentTarget.value })} error={field('name')}
                description="On every public page, badge and message." />
              <TextInput label="Web site" value={draft.website} onChange={e => set({ website: e.currentTarget.value })} error={field('website')}
                placeholder="https://www.example.org" />
              <TextInput label="Email" type="email" value={draft.email} onChange={e => set({ email: e.currentTarget.value })} error={field('email')}
                description="Where members and employers write about a credential." placeholder="credentials@example.org" />
              <Group grow align="flex-start">
                <TextInput label="Time zone" required value={draft.timeZone} onChange={e => set({ timeZone: e.currentTarget.value })} error={field('timeZone')}
                  description="Dates in messages are written in it: Europe/London, America/Chicago." />
                <TextInput label="Locale" required value={draft.locale} onChange={e => set({ locale: e.currentTarget.value })} error={field('locale')}
                  description="How dates are written: en-GB, en-US, fr-FR." />
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Colours">
            <Title order={3} size="h4" mb="sm">Colours</Title>
            <Stack gap="sm">
              <ColorInput label="Primary colour" required format="hex" withEyeDropper={false} value={draft.primaryColour} onChange={v => set({ primaryColour: v })}
                error={field('primaryColour')} description={`The header band of the public pages, under white text. ${contrastNote(draft.primaryColour)}`} />
              <ColorInput label="Accent colour" required format="hex" withEyeDropper={false} value={draft.accentColour} onChange={v => set({ accentColour: v })}
                error={field('accentColour')} description={`Links on white. ${contrastNote(draft.accentColour)}`} />
              <Text size="sm" fw={600} id="preview-title">Preview</Text>
              {!readable(draft.primaryColour) || !readable(draft.accentColour)
                ? <Text size="sm">The preview shows once both colours are dark enough to read.</Text>
                : <Paper withBorder p="sm" aria-labelledby="preview-title">
                <Group gap="sm" p="sm" wrap="nowrap" style={{ background: draft.primaryColour, color: '#fff', borderRadius: 6 }}>
                  {base.logoUrl && <Image src={base.logoUrl} alt="" h={32} w="auto" maw={120} fit="contain" bg="white" radius="sm" p={2} />}
                  <Text fw={600} c="white" truncate>{draft.name || 'Association name'}</Text>
                </Group>
                <Text size="sm" mt="xs"><span style={{ color: draft.accentColour, textDecoration: 'underline' }}>Verify a credential</span></Text>
              </Paper>}
            </Stack>
          </Paper>

          <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Public address">
            <Title order={3} size="h4" mb="sm">Public address</Title>
            <Stack gap="sm">
              <TextInput label="Public base URL" required value={draft.publicBaseUrl} onChange={e => { set({ publicBaseUrl: e.currentTarget.value }); setAddressUnderstood(false); }}
                error={field('publicBaseUrl')} placeholder="https://credentials.example.org"
                description="Where the hub is reached from outside. Every credential names it as its issuer and its verification page." />
              {addressChanged && (
                <Paper withBorder p="sm" style={{ borderColor: 'var(--mantine-color-orange-9)' }}>
                  <Text size="sm" mb="xs">
                    Credentials issued from now on will carry <strong>{draft.publicBaseUrl || 'the new address'}</strong>. Credentials already issued
                    keep <strong>{base.publicBaseUrl}</strong>: keep that address reaching this hub, or employers can no longer verify them.
                  </Text>
                  <Checkbox label="I understand: change the public address" checked={addressUnderstood} onChange={e => setAddressUnderstood(e.currentTarget.checked)} />
                </Paper>
              )}
            </Stack>
          </Paper>

          <Group>
            <Button type="submit" loading={save.isPending} disabled={!dirty || (addressChanged && !addressUnderstood)}>Save settings</Button>
            {dirty && <Button variant="default" onClick={() => { setDraft(draftOf(base)); save.reset(); setAddressUnderstood(false); }}>Discard changes</Button>}
          </Group>
        </Stack>
      </form>

      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Logo" maw={640}>
        <Title order={3} size="h4" mb="sm">Logo</Title>
        <ImageUpload name="logo" what="the logo" src={base.logoUrl ?? null} alt="The association's current logo"
          missing="No logo uploaded: the public pages show the association's name alone." uploaded="Logo uploaded: the public pages now show it."
          onChanged={logoChanged}
          send={async file => {
            const { data, error } = await api.PUT('/api/v1/association/logo', fileForm(file));
            if (error) throw error;
            return data;
          }}
          remove={async () => {
            const { error } = await api.DELETE('/api/v1/association/logo');
            if (error) throw error;
          }} />
      </Paper>
    </Stack>
  );
}
