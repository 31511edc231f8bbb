import { Handle, Position as Side, type NodeProps, type Node } from '@xyflow/react';
import { memo } from 'react';
import { InPort, type ActivityDescriptor, type ActivityNode, type FlowProblem } from './model';
import { NodeHeight, NodeWidth } from './layout';

export type ActivityNodeData = {
  activity: ActivityNode;
  descriptor?: ActivityDescriptor;
  ports: string[];
  problems: FlowProblem[];
  /** How often a run went through it; undefined when no run is shown. */
  runs?: number;
  /** In a comparison of versions: new in this version, or changed since the other. */
  mark?: 'added' | 'changed';
};

export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

const categoryColours: Record<string, string> = {
  Triggers: '#5c2d91', Flow: '#1f5f8b', Actions: '#2b6a3a', Human: '#8a4b08',
};

/** One activity on the canvas: what it is, its id, the port arrows enter by, one port per way out, its problems and its runs. */
export const ActivityNodeView = memo(function ActivityNodeView({ data, selected }: NodeProps<ActivityFlowNode>) {
  const { activity, descriptor, ports, problems, runs, mark } = data;
  const colour = categoryColours[descriptor?.category ?? ''] ?? '#3d4451';
  const errors = problems.length;
  const onPath = runs !== undefined && runs > 0;
  const border = errors > 0 ? '#b3261e' : onPath || mark === 'added' ? '#1a7f37' : mark === 'changed' ? '#9a6700' : selected ? '#0b57d0' : '#8c959f';
  return (
    <div
      data-activity-id={activity.id}
      data-problems={errors}
      data-on-path={onPath ? 'true' : undefined}
      data-mark={mark}
      title={problems.map(p => p.message).join('\n') || descriptor?.description}
      style={{
        width: NodeWidth, minHeight: NodeHeight, boxSizing: 'border-box', background: '#fff', borderRadius: 8,
        border: `${errors > 0 || onPath || selected || mark ? 3 : 1}px solid ${border}`, borderTop: `6px solid ${colour}`,
        padding: '6px 10px 18px', font: '13px/1.3 system-ui, sans-serif', color: '#1b1f24', position: 'relative',
      }}
    >
      {descriptor?.isTrigger || !descriptor ? null : <Handle type="target" position={Side.Top} id={InPort} title={`${activity.id}: in`} />}
      <div style={{ fontWeight: 600, display: 'flex', justifyContent: 'space-between', gap: 6 }}>
        <span>{descriptor?.displayName ?? `Unknown: ${activity.type}`}</span>
        {errors > 0 && <span style={{ color: '#b3261e' }} role="img" aria-label={`${errors} problem${errors > 1 ? 's' : ''}`}>⚠ {errors}</span>}
        {mark && <span style={{ color: border }}>{mark === 'added' ? 'New' : 'Changed'}</span>}
        {onPath && <span style={{ color: '#1a7f37' }} role="img" aria-label={`ran ${runs} time${runs! > 1 ? 's' : ''}`}>✓ {runs}</span>}
      </div>
      <div style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12, color: '#57606a', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{activity.id}</div>
      {ports.map((port, i) => {
        const left = `${((i + 1) / (ports.length + 1)) * 100}%`;
        return (
          <div key={port}>
            <Handle type="source" position={Side.Bottom} id={port} style={{ left }} title={`${activity.id}: ${port}`} />
            <span style={{ position: 'absolute', bottom: 2, left, transform: 'translateX(-50%)', fontSize: 10, color: '#57606a', whiteSpace: 'nowrap' }}>{port}</span>
          </div>
        );
      })}
    </div>
  );
});
