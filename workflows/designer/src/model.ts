/**
 * The shapes the designer works on, as the hub's API document describes them (activity descriptors and the Elsa 3
 * flowchart). They are declared here, structurally, so the designer depends on no generated client.
 */
export type PortDescriptor = { name: string; description: string };

export type InputDescriptor = {
  name: string;
  /** String, Boolean, Number, Duration, DateTime, Array or Object. */
  type: string;
  description?: string | null;
  /** single-line, multi-line, javascript, liquid, duration, datetime, dropdown, json, cases, escalation. */
  uiHint?: string | null;
  required: boolean;
  defaultValue?: unknown;
  options?: string[] | null;
  scope?: { name: string; type: string; description: string }[] | null;
};

export type ActivityDescriptor = {
  typeName: string;
  category: string;
  displayName: string;
  description: string;
  inputs: InputDescriptor[];
  isTrigger: boolean;
  isWaiting: boolean;
  inPort?: PortDescriptor | null;
  outPorts?: PortDescriptor[];
  dynamicPorts?: string | null;
};

export type ActivityCatalog = { categories: { name: string; activities: ActivityDescriptor[] }[] };

export type Position = { x: number; y: number };

export type ActivityNode = {
  id: string;
  type: string;
  version?: number;
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown> | null;
  position?: Position | null;
};

export type Endpoint = { activity: string; port?: string };
export type Connection = { source: Endpoint; target: Endpoint };
export type Flowchart = { activities?: ActivityNode[]; connections?: Connection[] };

/** One thing wrong with the flow, as the hub's validator says it: the activity and, when it is about one, the input. */
export type FlowProblem = { activityId?: string | null; input?: string | null; message: string; severity?: string };

/** A run's path: the activities it went through in order, and how often each ran. */
export type FlowPath = { activityIds: string[] };

export const InPort = 'In';
export const DonePort = 'Done';

/** Every descriptor by type name. */
export function descriptorsOf(catalog: ActivityCatalog): Map<string, ActivityDescriptor> {
  return new Map(catalog.categories.flatMap(c => c.activities).map(a => [a.typeName, a]));
}

/** Where an activity sits: its own position, else the one older definitions keep in metadata.designer. */
export function positionOf(node: ActivityNode): Position | null {
  if (node.position) return node.position;
  const designer = (node.metadata as { designer?: { position?: Position } } | null | undefined)?.designer;
  return designer?.position ?? null;
}

/** The ports an activity can leave by: its descriptor's, a Switch's cases, a Fork's named branches plus one to add. */
export function outPortsOf(node: ActivityNode, descriptor: ActivityDescriptor | undefined, connections: Connection[]): string[] {
  if (!descriptor) return [DonePort];
  if (descriptor.typeName === 'Switch') {
    const cases = Array.isArray(node.inputs?.cases) ? (node.inputs!.cases as { name?: unknown }[]) : [];
    return [...cases.map(c => (typeof c?.name === 'string' ? c.name : '')).filter(Boolean), 'Default'];
  }
  const declared = (descriptor.outPorts ?? []).map(p => p.name);
  if (!descriptor.dynamicPorts) return declared;
  const used = connections.filter(c => c.source.activity === node.id).map(c => c.source.port ?? DonePort);
  const all = [...new Set([...declared, ...used])];
  return [...all, `Branch ${all.length + 1}`];
}

/** A fresh id for an activity of this type, unlike any in the flow: sendEmail, sendEmail2, … */
export function freshId(type: string, taken: Set<string>): string {
  const base = type.charAt(0).toLowerCase() + type.slice(1);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** The inputs a new activity starts with: each input's default. */
export function defaultInputs(descriptor: ActivityDescriptor): Record<string, unknown> {
  return Object.fromEntries(descriptor.inputs.filter(i => i.defaultValue !== undefined && i.defaultValue !== null).map(i => [i.name, i.defaultValue]));
}
