import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** The signed-in person, or null when nobody is signed in. */
export function useWhoAmI() {
  return useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      const { data, response } = await api.GET('/auth/me');
      if (response.status === 401) return null;
      if (!data) throw new Error(`The hub answered ${response.status}.`);
      return data;
    },
    staleTime: 60_000,
  });
}

export const isStaff = (roles: string[] | undefined) => !!roles?.some(r => r === 'Admin' || r === 'Reviewer');
export const isAdmin = (roles: string[] | undefined) => !!roles?.includes('Admin');
