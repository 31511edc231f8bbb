import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '../../api/client';

export type ImportBatch = Schemas['ImportBatchResponse'];
export type ImportKind = Schemas['ImportKind'];
export type ImportMode = Schemas['ImportMode'];
export type ImportStatus = Schemas['ImportStatus'];
export type ImportProgressEvent = Schemas['ImportProgressEvent'];

/** What each kind of import is, in staff's words, and the columns its file needs. */
export const importKinds: Record<ImportKind, { label: string; columns: string }> = {
  certificants: { label: 'Certificants', columns: 'member_id or email, program_code, issued_on; optional credential_number, valid_until, status' },
  'ce-credits': { label: 'CE credits', columns: 'member_id or email, activity, category, hours, earned_on; optional evidence' },
};

export const isRunning = (status: ImportStatus) => status === 'Validating' || status === 'Committing';

/** The largest file and the file types the hub accepts, so a file can be refused before it is sent. */
export function useImportLimits() {
  return useQuery({
    queryKey: ['imports', 'limits'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/imports/limits');
      if (error) throw error;
      return data;
    },
    staleTime: Infinity,
  });
}

export function useImports(page: number) {
  return useQuery({
    queryKey: ['imports', 'list', page],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/imports', { params: { query: { Page: page, PageSize: 20 } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useImportBatch(id: string) {
  return useQuery({
    queryKey: ['imports', 'batch', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/imports/{id}', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
  });
}

export function useImportErrors(id: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', 'errors', id, page],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/imports/{id}/errors', { params: { path: { id }, query: { Page: page, PageSize: 50, Sort: 'row' } } });
      if (error) throw error;
      return data;
    },
    enabled,
  });
}

/** Sends the spreadsheet as the multipart form the hub reads: file, kind and mode. */
export function useUpload() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, kind, mode }: { file: File; kind: ImportKind; mode: ImportMode }) => {
      const form = new FormData();
      form.append('file', file);
      form.append('kind', kind);
      form.append('mode', mode);
      const { data, error } = await api.POST('/api/v1/imports', { body: form as never, bodySerializer: b => b });
      if (error) throw error;
      return data;
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['imports', 'list'] }),
  });
}

/** Starts a dry run or a commit; the batch comes back running, and its progress stream takes over. */
export function useStartRun(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (step: 'dry-run' | 'commit') => {
      const { data, error } = step === 'dry-run'
        ? await api.POST('/api/v1/imports/{id}/dry-run', { params: { path: { id } } })
        : await api.POST('/api/v1/imports/{id}/commit', { params: { path: { id } } });
      if (error) throw error;
      return data;
    },
    onSuccess: batch => {
      queries.setQueryData(['imports', 'batch', id], batch);
      void queries.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}
