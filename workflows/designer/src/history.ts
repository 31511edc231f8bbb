import { useCallback, useRef, useState } from 'react';

/** How many committed changes undo can go back through. */
export const HistoryDepth = 200;

// Typing in one field is one change: edits with the same key within this time replace the last step.
const MergeWindowMs = 1000;

/**
 * Undo and redo over immutable values: every committed change is a step. A change with a merge key (the field being
 * typed in) joins the step before it when that step had the same key and was moments ago.
 */
export function useHistory<T>(initial: T) {
  const [state, setState] = useState({ past: [] as T[], present: initial, future: [] as T[] });
  const last = useRef<{ key: string; at: number } | null>(null);

  const commit = useCallback((next: T, mergeKey?: string) => {
    const now = Date.now();
    const merge = mergeKey !== undefined && last.current?.key === mergeKey && now - last.current.at < MergeWindowMs;
    last.current = mergeKey === undefined ? null : { key: mergeKey, at: now };
    setState(s => (Object.is(s.present, next) ? s : {
      past: merge ? s.past : [...s.past, s.present].slice(-HistoryDepth),
      present: next,
      future: [],
    }));
  }, []);

  const undo = useCallback(() => {
    last.current = null;
    setState(s => (s.past.length === 0 ? s : { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] }));
  }, []);

  const redo = useCallback(() => {
    last.current = null;
    setState(s => (s.future.length === 0 ? s : { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) }));
  }, []);

  /** Starts over from a value (a reload, another version): nothing to undo. */
  const reset = useCallback((value: T) => {
    last.current = null;
    setState({ past: [], present: value, future: [] });
  }, []);

  return { present: state.present, commit, undo, redo, reset, canUndo: state.past.length > 0, canRedo: state.future.length > 0, steps: state.past.length };
}
