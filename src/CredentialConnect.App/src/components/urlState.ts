import { useSearchParams } from 'react-router';

/**
 * A list screen's filters and page, kept in the URL so the list can be linked and reloaded. `set` changes some
 * and drops the ones given as empty; it replaces the history entry, so typing a search does not fill Back.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  const page = Number(params.get('page') ?? '1') || 1;
  return { params, set, page };
}
