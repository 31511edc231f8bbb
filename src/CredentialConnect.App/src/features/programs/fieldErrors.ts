import type { Problem } from '../../api/client';

export type FieldErrors = Record<string, string[]>;

/** The hub's message for the field at `path` (a ProblemDetails errors key such as recertification.categories[1].maximumHours). */
export const errorAt = (errors: FieldErrors | undefined, path: string) => errors?.[path]?.join(' ') || undefined;

/** Field errors of a failed call, or none when it failed some other way. */
export const fieldErrorsOf = (problem: unknown): FieldErrors | undefined => (problem as Problem | null)?.errors;

/** The errors no control on this screen names, to be listed rather than lost. */
export function unclaimed(errors: FieldErrors | undefined, shown: RegExp): [string, string][] {
  return Object.entries(errors ?? {}).filter(([key]) => !shown.test(key)).map(([key, messages]) => [key, messages.join(' ')]);
}
