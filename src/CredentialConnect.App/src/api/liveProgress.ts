import { useEffect, useState } from 'react';

/**
 * The latest event of a server-sent event stream the hub opens for long work (a sync, an import), and whether
 * the hub has said it is over. The browser's EventSource reconnects by itself; nothing here polls.
 * A stream ends with an event named `done`; a `problem` event carries a ProblemDetails.
 */
export function useLiveProgress<T>(url: string | null) {
  const [latest, setLatest] = useState<T | null>(null);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setLatest(null);
    setDone(false);
    setProblem(null);
    if (!url) return;
    const source = new EventSource(url, { withCredentials: true });
    source.onmessage = e => setLatest(JSON.parse(e.data) as T);
    source.addEventListener('done', e => {
      setLatest(JSON.parse((e as MessageEvent).data) as T);
      setDone(true);
      source.close();
    });
    source.addEventListener('problem', e => {
      const p = JSON.parse((e as MessageEvent).data) as { detail?: string; title?: string };
      setProblem(p.detail ?? p.title ?? 'The hub stopped reporting progress.');
      source.close();
    });
    return () => source.close();
  }, [url]);

  return { latest, done, problem };
}
