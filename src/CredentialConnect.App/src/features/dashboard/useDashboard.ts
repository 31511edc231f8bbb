import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { dataOf } from '../../api/data';

/** What every chart is for: a program (or all) and a period of months, as the URL holds them. */
export type DashboardFilter = { programId?: string; from?: string; to?: string };

// The query each dashboard endpoint takes; left out, the hub counts the last 12 months of every program.
const query = (f: DashboardFilter) => ({ ProgramId: f.programId, From: f.from, To: f.to });

export const useIssued = (f: DashboardFilter) => useQuery({
  queryKey: ['dashboard', 'credentials-issued', f],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/credentials-issued', { params: { query: query(f) } })),
});

export const useFunnel = (f: DashboardFilter) => useQuery({
  queryKey: ['dashboard', 'applications-funnel', f],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/applications-funnel', { params: { query: query(f) } })),
});

export const useExams = (f: DashboardFilter) => useQuery({
  queryKey: ['dashboard', 'exams', f],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/exams', { params: { query: query(f) } })),
});

export const useRenewals = (f: DashboardFilter) => useQuery({
  queryKey: ['dashboard', 'renewals', f],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/renewals', { params: { query: query(f) } })),
});

export const useLapseRate = (f: DashboardFilter) => useQuery({
  queryKey: ['dashboard', 'lapse-rate', f],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/lapse-rate', { params: { query: query(f) } })),
});

export const useEngagement = (f: DashboardFilter) => useQuery({
  queryKey: ['dashboard', 'engagement', f],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/engagement', { params: { query: query(f) } })),
});

export const useAttention = (programId?: string) => useQuery({
  queryKey: ['dashboard', 'attention', programId],
  queryFn: () => dataOf(api.GET('/api/v1/dashboard/attention', { params: { query: { programId } } })),
});

