import { Pagination, Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/data';

/**
 * Filters and the page number kept in the address, so a list can be linked and reloaded. Setting a value to
 * undefined removes it; any change but the page itself goes back to the first page.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const page = Number(params.get('page') ?? '1') || 1;
  return { params, page, set };
}

/** Page controls whose buttons say what they do; nothing when everything fits on one page. */
export function Pager({ total, value, onChange }: { total: number; value: number; onChange: (page: number) => void }) {
  if (total <= 1) return null;
  return (
    <Pagination mt="md" total={total} value={value} onChange={onChange}
      getControlProps={c => ({ 'aria-label': c === 'next' ? 'Next page' : c === 'previous' ? 'Previous page' : c })} />
  );
}

/** Every program, for pickers and for showing a program's code where the API gives only its id. */
export function usePrograms() {
  return useQuery({
    queryKey: ['programs', 'all'],
    queryFn: async () => {
      const { items } = await dataOf(api.GET('/api/v1/programs', { params: { query: { Page: 1, PageSize: 200, Sort: 'code' } } }));
      return items;
    },
    staleTime: 60_000,
  });
}

/** Names a program by its code, for tables of records that give only the program's id. */
export function useProgramCode() {
  const programs = usePrograms();
  return (id: string) => programs.data?.find(p => p.id === id)?.code ?? (programs.isPending ? '…' : 'Unknown program');
}

/** A program's code and name, or its id until the programs have loaded. */
export function ProgramName({ id }: { id: string }) {
  const program = usePrograms().data?.find(p => p.id === id);
  return <>{program ? `${program.code} · ${program.name}` : id}</>;
}

/** Picks a program by code or name; the value is its id. */
export function ProgramSelect(props: Omit<SelectProps, 'data'>) {
  const programs = usePrograms();
  return <Select searchable clearable {...props} comboboxProps={{ transitionProps: { duration: 0 } }}
    data={(programs.data ?? []).map(p => ({ value: p.id, label: `${p.code} · ${p.name}` }))} />;
}

function useMember(id: string | null | undefined) {
  return useQuery({
    queryKey: ['members', id],
    enabled: !!id,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/members/{id}', { params: { path: { id: id! } } });
      if (error) throw error;
      return data;
    },
    staleTime: 60_000,
  });
}

/** A member's name and AMS id, looked up from the member id the API gives. */
export function MemberName({ id }: { id: string | null | undefined }) {
  const member = useMember(id);
  if (!id) return <>—</>;
  return <>{member.data ? `${member.data.firstName} ${member.data.lastName} (${member.data.amsMemberId})` : id}</>;
}

/** Finds a member by name, email or AMS id as the person types; the value is the member's id. */
export function MemberSelect({ value, onChange, ...props }: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null; onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const chosen = useMember(value);
  const found = useQuery({
    queryKey: ['members', 'search', search],
    enabled: search.trim().length > 1,
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/members', { params: { query: { Q: search.trim(), Page: 1, PageSize: 20 } } });
      if (error) throw error;
      return data.items;
    },
  });
  const options = (found.data ?? []).map(m => ({ value: m.id, label: `${m.firstName} ${m.lastName} (${m.amsMemberId})` }));
  if (value && chosen.data && !options.some(o => o.value === value))
    options.unshift({ value, label: `${chosen.data.firstName} ${chosen.data.lastName} (${chosen.data.amsMemberId})` });
  return <Select searchable clearable {...props} value={value} onChange={onChange} searchValue={search} onSearchChange={setSearch}
    data={options} filter={({ options: all }) => all} nothingFoundMessage={search.trim().length > 1 ? 'No member matches' : 'Type two letters or more'}
    comboboxProps={{ transitionProps: { duration: 0 } }} />;
}
