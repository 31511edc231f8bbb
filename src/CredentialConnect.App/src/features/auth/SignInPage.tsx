import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, describe, type Problem } from '../../api/client';

/** Sign-in for staff, through the hub's cookie sign-in; afterwards back to the page that asked for it. */
export function SignInPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const queries = useQueryClient();

  // Only a path inside the console: a sign-in link must not send anyone to another site.
  const requested = params.get('returnTo') ?? '/admin/';
  const returnTo = requested.startsWith('/admin') && !requested.startsWith('//') ? requested : '/admin/';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { error } = await api.POST('/auth/sign-in', { body: { email, password } });
      if (error) { setProblem(error as Problem); return; }
      await queries.invalidateQueries({ queryKey: ['auth'] });
      window.location.assign(returnTo);
    } catch {
      setProblem({ detail: describe(undefined) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">Sign in to the staff console</Title>
            {problem && <Alert color="red.9" role="alert" title="Not signed in">{describe(problem)}</Alert>}
            <TextInput label="Email" type="email" autoComplete="username" required value={email}
              onChange={e => setEmail(e.currentTarget.value)} error={problem?.errors?.email?.join(' ')} />
            <PasswordInput label="Password" autoComplete="current-password" required value={password}
              onChange={e => setPassword(e.currentTarget.value)} error={problem?.errors?.password?.join(' ')} />
            <Button type="submit" loading={busy}>Sign in</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
