import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '../../api/client';
import { dataOf } from '../../api/data';

/** Every program (codes and names), for filters and for naming the programs other records point at. */
export function usePrograms() {
  const programs = useQuery({
    queryKey: ['programs', 'all'],
    queryFn: () => dataOf(api.GET('/api/v1/programs', { params: { query: { Page: 1, PageSize: 200, Sort: 'code' } } })),
    staleTime: 60_000,
  });
  const byId = new Map<string, Schemas['ProgramSummary']>((programs.data?.items ?? []).map(p => [p.id, p]));
  return { programs, byId, name: (id: string) => byId.get(id)?.code ?? 'Unknown program' };
}
