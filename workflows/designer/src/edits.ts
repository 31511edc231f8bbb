import { DonePort, InPort, freshId, type ActivityNode, type Connection, type Flowchart, type Position } from './model';

/** Changes to a flowchart, each returning a new one: the designer never changes a flowchart in place, so undo is a list of them. */

const activitiesOf = (flow: Flowchart) => flow.activities ?? [];
const connectionsOf = (flow: Flowchart) => flow.connections ?? [];

export const sameConnection = (a: Connection, b: Connection) =>
  a.source.activity === b.source.activity && (a.source.port ?? DonePort) === (b.source.port ?? DonePort)
  && a.target.activity === b.target.activity && (a.target.port ?? InPort) === (b.target.port ?? InPort);

export function addActivity(flow: Flowchart, node: ActivityNode): Flowchart {
  return { ...flow, activities: [...activitiesOf(flow), node] };
}

export function connect(flow: Flowchart, connection: Connection): Flowchart {
  if (connection.source.activity === connection.target.activity) return flow;
  if (connectionsOf(flow).some(c => sameConnection(c, connection))) return flow;
  return { ...flow, connections: [...connectionsOf(flow), connection] };
}

export function disconnect(flow: Flowchart, gone: Connection[]): Flowchart {
  return { ...flow, connections: connectionsOf(flow).filter(c => !gone.some(g => sameConnection(c, g))) };
}

/**
 * Removes activities and their connections. With <paramref name="reconnect"/>, every activity that led into a removed
 * one is joined to every activity the removed one led to, so deleting a step in a chain keeps the chain.
 */
export function removeActivities(flow: Flowchart, ids: Set<string>, reconnect = false): Flowchart {
  let connections = connectionsOf(flow);
  if (reconnect)
    for (const id of ids) {
      const into = connections.filter(c => c.target.activity === id && !ids.has(c.source.activity));
      const outOf = connections.filter(c => c.source.activity === id && !ids.has(c.target.activity));
      for (const a of into) for (const b of outOf) {
        const joined = { source: a.source, target: b.target };
        if (!connections.some(c => sameConnection(c, joined))) connections = [...connections, joined];
      }
    }
  return {
    ...flow,
    activities: activitiesOf(flow).filter(a => !ids.has(a.id)),
    connections: connections.filter(c => !ids.has(c.source.activity) && !ids.has(c.target.activity)),
  };
}

export function moveActivities(flow: Flowchart, moved: Map<string, Position>): Flowchart {
  return { ...flow, activities: activitiesOf(flow).map(a => (moved.has(a.id) ? { ...a, position: roundPosition(moved.get(a.id)!) } : a)) };
}

export function setInput(flow: Flowchart, activityId: string, input: string, value: unknown): Flowchart {
  return {
    ...flow,
    activities: activitiesOf(flow).map(a => {
      if (a.id !== activityId) return a;
      const inputs = { ...(a.inputs ?? {}) };
      if (value === undefined || value === '') delete inputs[input];
      else inputs[input] = value;
      return { ...a, inputs };
    }),
  };
}

/** Renames an activity and every connection that names it; refused (the same flow back) when the id is taken or empty. */
export function renameActivity(flow: Flowchart, from: string, to: string): Flowchart {
  const id = to.trim();
  if (!id || id === from || activitiesOf(flow).some(a => a.id === id)) return flow;
  const rename = (activity: string) => (activity === from ? id : activity);
  return {
    ...flow,
    activities: activitiesOf(flow).map(a => (a.id === from ? { ...a, id } : a)),
    connections: connectionsOf(flow).map(c => ({ source: { ...c.source, activity: rename(c.source.activity) }, target: { ...c.target, activity: rename(c.target.activity) } })),
  };
}

/** What copy takes: the chosen activities and the connections between them. */
export type Fragment = { activities: ActivityNode[]; connections: Connection[] };

export function fragmentOf(flow: Flowchart, ids: Set<string>): Fragment {
  return {
    activities: activitiesOf(flow).filter(a => ids.has(a.id)),
    connections: connectionsOf(flow).filter(c => ids.has(c.source.activity) && ids.has(c.target.activity)),
  };
}

/** Pastes a fragment with fresh ids, offset so it does not sit on what it was copied from; returns the flow and the new ids. */
export function paste(flow: Flowchart, fragment: Fragment, offset: Position): { flow: Flowchart; pasted: string[] } {
  const taken = new Set(activitiesOf(flow).map(a => a.id));
  const ids = new Map<string, string>();
  for (const a of fragment.activities) {
    const id = freshId(a.type, taken);
    taken.add(id);
    ids.set(a.id, id);
  }
  const activities = fragment.activities.map(a => {
    const at = a.position ?? { x: 0, y: 0 };
    return { ...structuredClone(a), id: ids.get(a.id)!, position: roundPosition({ x: at.x + offset.x, y: at.y + offset.y }) };
  });
  const connections = fragment.connections.map(c => ({
    source: { ...c.source, activity: ids.get(c.source.activity)! },
    target: { ...c.target, activity: ids.get(c.target.activity)! },
  }));
  return { flow: { ...flow, activities: [...activitiesOf(flow), ...activities], connections: [...connectionsOf(flow), ...connections] }, pasted: [...ids.values()] };
}

const roundPosition = (p: Position): Position => ({ x: Math.round(p.x), y: Math.round(p.y) });
