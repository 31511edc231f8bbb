import dagre from '@dagrejs/dagre';
import type { Flowchart, Position } from './model';

export const NodeWidth = 220;
export const NodeHeight = 72;

/** Lays the flow out top to bottom, each activity under the one before it, branches side by side (dagre). */
export function autoLayout(flow: Flowchart): Map<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 60, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const a of flow.activities ?? []) graph.setNode(a.id, { width: NodeWidth, height: NodeHeight });
  for (const c of flow.connections ?? []) graph.setEdge(c.source.activity, c.target.activity);
  dagre.layout(graph);
  return new Map((flow.activities ?? []).map(a => {
    const at = graph.node(a.id);
    return [a.id, { x: Math.round(at.x - NodeWidth / 2), y: Math.round(at.y - NodeHeight / 2) }];
  }));
}
