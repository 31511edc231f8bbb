import { AppShell, Burger, Button, Group, Image, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { api, signInPath } from '../api/client';
import { isAdmin, isStaff, useWhoAmI } from '../api/session';

const screens = [
  { to: '/', label: 'Dashboard', adminOnly: false },
  { to: '/programs', label: 'Programs', adminOnly: false },
  { to: '/applications', label: 'Applications', adminOnly: false },
  { to: '/members', label: 'Members', adminOnly: false },
  { to: '/credentials', label: 'Credentials', adminOnly: false },
  { to: '/ce-audits', label: 'CE audits', adminOnly: false },
  { to: '/workflows', label: 'Workflows', adminOnly: false },
  { to: '/connectors', label: 'Connectors', adminOnly: true },
  { to: '/imports', label: 'Imports', adminOnly: true },
  { to: '/administration/api-keys', label: 'API keys', adminOnly: true },
  { to: '/administration/staff', label: 'Staff accounts', adminOnly: true },
  { to: '/administration/audit-log', label: 'Audit log', adminOnly: true },
  { to: '/administration/settings', label: 'Association settings', adminOnly: true },
];

/** Every console screen: the navigation, who is signed in, and sign-out. Only staff get past it. */
export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname, search } = useLocation();
  const me = useWhoAmI();
  const queries = useQueryClient();
  const association = useQuery({
    queryKey: ['association', 'profile'],
    queryFn: async () => (await api.GET('/api/v1/association')).data ?? null,
    staleTime: 60_000,
  });

  if (me.isPending) return <Loader aria-label="Loading" m="xl" />;
  if (me.data === null) return <Navigate to={`/sign-in?returnTo=${encodeURIComponent('/admin' + pathname + search)}`} replace />;
  if (me.isError) return <Text role="alert" m="xl">The hub could not be reached. Check your connection and reload the page.</Text>;
  if (!isStaff(me.data.roles))
    return <Text role="alert" m="xl">This console is for association staff. You are signed in as {me.data.actor}.</Text>;

  const roles = me.data.roles;
  const signOut = async () => {
    await api.POST('/auth/sign-out');
    queries.clear();
    window.location.assign(signInPath('/admin/'));
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            {association.data?.logoUrl && <Image src={association.data.logoUrl} alt="" h={32} w="auto" maw={96} fit="contain" />}
            <Title order={1} size="h4" lineClamp={1}>{association.data?.name ?? 'CredentialConnect'}</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs">{me.data.name || me.data.actor} · {me.data.roles.join(', ')}</Text>
            <Button variant="default" size="xs" onClick={signOut}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Console">
        {screens.filter(s => !s.adminOnly || isAdmin(roles)).map(s => (
          <NavLink key={s.to} component={Link} to={s.to} label={s.label} active={s.to === '/' ? pathname === '/' : pathname.startsWith(s.to)} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
