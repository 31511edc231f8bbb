/** The body of a successful call, or the call's ProblemDetails thrown for TanStack Query to hold as the error. */
export async function dataOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw error ?? new Error(`The hub answered ${response.status}.`);
  return data;
}

/** An instant as staff read it, in their own locale; a dash when there is none. */
export const when = (at?: string | null) => (at ? new Date(at).toLocaleString() : '—');

/** A date without the time of day. */
export const day = (at?: string | null) => (at ? new Date(at).toLocaleDateString() : '—');

/** How long ago an instant was, in the largest whole unit: "3 days", "5 hours", "under a minute". */
export function since(at: string, now: number = Date.now()) {
  const minutes = Math.floor((now - new Date(at).getTime()) / 60_000);
  const [n, unit] = minutes >= 2 * 1440 ? [Math.floor(minutes / 1440), 'day'] : minutes >= 120 ? [Math.floor(minutes / 60), 'hour'] : [minutes, 'minute'];
  if (n < 1) return 'under a minute';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
