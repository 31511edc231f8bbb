import { sameConnection } from './edits';
import { DonePort, InPort, type Connection, type Flowchart } from './model';

/** What changed between two versions of a flow: activities and connections added or removed, and each changed activity's fields. */
export type FlowDiff = {
  added: string[];
  removed: string[];
  /** Activities in both, with what differs: `type`, or `inputs.<name>`. Where an activity sits on the canvas is not a change. */
  changed: { id: string; fields: string[] }[];
  connectionsAdded: Connection[];
  connectionsRemoved: Connection[];
};

const canonical = (value: unknown): string => JSON.stringify(value, (_, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);

export function diffFlows(from: Flowchart, to: Flowchart): FlowDiff {
  const before = new Map((from.activities ?? []).map(a => [a.id, a]));
  const after = new Map((to.activities ?? []).map(a => [a.id, a]));
  const changed: FlowDiff['changed'] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) continue;
    const fields: string[] = [];
    if (was.type !== now.type) fields.push('type');
    const names = new Set([...Object.keys(was.inputs ?? {}), ...Object.keys(now.inputs ?? {})]);
    for (const name of [...names].sort())
      if (canonical(was.inputs?.[name]) !== canonical(now.inputs?.[name])) fields.push(`inputs.${name}`);
    if (fields.length) changed.push({ id, fields });
  }
  const norm = (c: Connection): Connection => ({ source: { activity: c.source.activity, port: c.source.port ?? DonePort }, target: { activity: c.target.activity, port: c.target.port ?? InPort } });
  const oldConnections = (from.connections ?? []).map(norm);
  const newConnections = (to.connections ?? []).map(norm);
  return {
    added: [...after.keys()].filter(id => !before.has(id)),
    removed: [...before.keys()].filter(id => !after.has(id)),
    changed,
    connectionsAdded: newConnections.filter(c => !oldConnections.some(o => sameConnection(o, c))),
    connectionsRemoved: oldConnections.filter(c => !newConnections.some(n => sameConnection(n, c))),
  };
}

/** How the canvas marks each activity of the newer version in a comparison. */
export function marksOf(diff: FlowDiff): Record<string, 'added' | 'changed'> {
  return { ...Object.fromEntries(diff.changed.map(c => [c.id, 'changed' as const])), ...Object.fromEntries(diff.added.map(id => [id, 'added' as const])) };
}
