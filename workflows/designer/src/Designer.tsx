import {
  Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useNodesState, useReactFlow,
  type Connection as FlowConnection, type Edge, type FinalConnectionState, type IsValidConnection, type NodeChange, type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Button, Grid, Group, Menu, Paper, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { ActivityNodeView, type ActivityFlowNode } from './ActivityNodeView';
import {
  addActivity, connect, disconnect, fragmentOf, moveActivities, paste, removeActivities, renameActivity, setInput, type Fragment,
} from './edits';
import { useHistory } from './history';
import { autoLayout, NodeHeight } from './layout';
import {
  DonePort, InPort, defaultInputs, descriptorsOf, freshId, outPortsOf, positionOf,
  type ActivityCatalog, type ActivityDescriptor, type Connection, type FlowPath, type FlowProblem, type Flowchart, type Position,
} from './model';
import { ActivityDragType, Palette } from './Palette';
import { PropertiesPanel } from './PropertiesPanel';
import { ProblemsPanel } from './ProblemsPanel';

export type DesignerProps = {
  catalog: ActivityCatalog;
  /** The flow to start from; the designer keeps its own undo history from here. */
  flow: Flowchart;
  /** When it changes, the designer starts over from `flow` (a reload, another version) with nothing to undo. */
  resetKey?: string | number;
  /** Every committed change: a drop, a connection, a move, a typed value. */
  onChange?: (flow: Flowchart) => void;
  problems?: FlowProblem[];
  /** A run's path (an instance, a simulated member), highlighted on the canvas. */
  path?: FlowPath | null;
  readOnly?: boolean;
  height?: number | string;
  /** Activities to mark, as a comparison of versions does: added or changed. */
  marks?: Record<string, 'added' | 'changed'>;
};

const ClipboardKey = 'credentialconnect.designer.clipboard';
const nodeTypes = { activity: ActivityNodeView };
// One empty list, so a designer given no problems does not see a new list on every render.
const NoProblems: FlowProblem[] = [];

// The canvas's settings, made once: a new array or object on each render would make React Flow redraw every node.
const DeleteKeys = ['Delete', 'Backspace'];
const MultiSelectKeys = ['Meta', 'Control', 'Shift'];
const SnapGrid: [number, number] = [10, 10];
const FitOptions = { maxZoom: 1, padding: 0.15 };
const ProOptions = { hideAttribution: true };
const miniMapColour = (n: { data: unknown }) => ((n.data as { problems?: unknown[] }).problems?.length ? '#b3261e' : '#8c959f');

/** The visual workflow designer: palette, canvas, properties and problems around one flowchart. */
export function Designer(props: DesignerProps) {
  return (
    <ReactFlowProvider>
      <DesignerCanvas {...props} />
    </ReactFlowProvider>
  );
}

function DesignerCanvas({ catalog, flow: initial, resetKey, onChange, problems = NoProblems, path, readOnly, height = 640, marks }: DesignerProps) {
  const history = useHistory<Flowchart>(initial);
  // A read-only view shows whatever it is given (another version, a refreshed instance); only editing keeps a history.
  const flow = readOnly ? initial : history.present;
  const { screenToFlowPosition, fitView } = useReactFlow();
  const descriptors = useMemo(() => descriptorsOf(catalog), [catalog]);
  const [selected, setSelected] = useState<string[]>([]);
  const [focusInput, setFocusInput] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; activityId?: string } | null>(null);
  const [pending, setPending] = useState<{ at: Position; screen: Position; source: { activity: string; port: string } } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const wrapper = useRef<HTMLDivElement>(null);

  // Start over when the caller says so; tell the caller about every change after that.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return;
    history.reset(initial);
    setSelected([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    onChange?.(flow);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow]);

  const commit = useCallback((next: Flowchart, say?: string, mergeKey?: string) => {
    if (readOnly) return;
    history.commit(next, mergeKey);
    if (say) setAnnouncement(say);
  }, [history, readOnly]);

  // Problems and a run's path, by activity.
  const problemsOf = useMemo(() => {
    const by = new Map<string, FlowProblem[]>();
    for (const p of problems) if (p.activityId) by.set(p.activityId, [...(by.get(p.activityId) ?? []), p]);
    return by;
  }, [problems]);
  const runsOf = useMemo(() => {
    if (!path) return null;
    const counts = new Map<string, number>();
    for (const id of path.activityIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }, [path]);

  // Canvas nodes: one object per activity, kept while nothing about it changed, so moving one node redraws one node.
  const cache = useRef(new Map<string, ActivityFlowNode>());
  const derived = useMemo(() => {
    const connections = flow.connections ?? [];
    const next = new Map<string, ActivityFlowNode>();
    const nodes = (flow.activities ?? []).map((activity, i) => {
      const descriptor = descriptors.get(activity.type);
      const ports = outPortsOf(activity, descriptor, connections);
      const nodeProblems = problemsOf.get(activity.id) ?? [];
      const runs = runsOf ? runsOf.get(activity.id) ?? 0 : undefined;
      const mark = marks?.[activity.id];
      const position = positionOf(activity) ?? { x: 40, y: 40 + i * (NodeHeight + 40) };
      const old = cache.current.get(activity.id);
      const same = old && old.data.activity === activity && old.data.descriptor === descriptor && old.data.problems.length === nodeProblems.length
        && old.data.problems.every((p, j) => p === nodeProblems[j]) && old.data.runs === runs && old.data.mark === mark && old.data.ports.join('\n') === ports.join('\n')
        && old.position.x === position.x && old.position.y === position.y;
      const node: ActivityFlowNode = same ? old! : {
        id: activity.id, type: 'activity', position, data: { activity, descriptor, ports, problems: nodeProblems, runs, mark },
        selected: old?.selected, deletable: !readOnly, draggable: !readOnly,
      };
      next.set(activity.id, node);
      return node;
    });
    cache.current = next;
    return nodes;
  }, [flow, descriptors, problemsOf, runsOf, readOnly, marks]);
  const [nodes, setNodes, onNodesChange] = useNodesState<ActivityFlowNode>(derived);
  useEffect(() => {
    setNodes(current => {
      const chosen = new Set(current.filter(n => n.selected).map(n => n.id));
      return derived.map(n => (chosen.has(n.id) === !!n.selected ? n : { ...n, selected: chosen.has(n.id) }));
    });
  }, [derived, setNodes]);

  const edges = useMemo<Edge[]>(() => {
    const onPath = new Set<string>();
    // A connection is on the path when the run went through its two ends one after the other (a journal may list newest first).
    if (path) for (let i = 1; i < path.activityIds.length; i++) {
      onPath.add(`${path.activityIds[i - 1]}>${path.activityIds[i]}`);
      onPath.add(`${path.activityIds[i]}>${path.activityIds[i - 1]}`);
    }
    return (flow.connections ?? []).map(c => {
      const port = c.source.port ?? DonePort;
      const hot = onPath.has(`${c.source.activity}>${c.target.activity}`);
      return {
        id: `${c.source.activity}:${port}>${c.target.activity}`, source: c.source.activity, sourceHandle: port,
        target: c.target.activity, targetHandle: c.target.port ?? InPort, deletable: !readOnly,
        style: hot ? { stroke: '#1a7f37', strokeWidth: 3 } : undefined, animated: hot,
      };
    });
  }, [flow.connections, path, readOnly]);

  const connectionOf = (edge: Pick<Edge, 'source' | 'target' | 'sourceHandle' | 'targetHandle'>): Connection => ({
    source: { activity: edge.source, port: edge.sourceHandle ?? DonePort }, target: { activity: edge.target, port: edge.targetHandle ?? InPort },
  });

  // Only an out-port to an activity's In, never to itself: the handles the descriptors give are the only ends there are.
  const isValidConnection: IsValidConnection = useCallback(c => {
    if (readOnly || !c.sourceHandle || c.source === c.target || c.targetHandle !== InPort) return false;
    const target = flow.activities?.find(a => a.id === c.target);
    return !!target && !descriptors.get(target.type)?.isTrigger;
  }, [flow.activities, descriptors, readOnly]);

  const onConnect = useCallback((c: FlowConnection) => {
    commit(connect(flow, connectionOf(c)), `Connected ${c.source} ${c.sourceHandle} to ${c.target}.`);
  }, [flow, commit]);

  // A connection dropped on empty canvas asks which activity comes next, and puts it there.
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (readOnly || state.isValid || state.toNode || !state.fromNode || !state.fromHandle?.id || state.fromHandle.type !== 'source') return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    // Dropped on an activity that cannot be entered there (a trigger): nothing is drawn, and nothing is added.
    if (document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node')) return;
    const box = wrapper.current!.getBoundingClientRect();
    setPending({
      at: screenToFlowPosition({ x: point.clientX, y: point.clientY }),
      screen: { x: point.clientX - box.left, y: point.clientY - box.top },
      source: { activity: state.fromNode.id, port: state.fromHandle.id },
    });
  }, [readOnly, screenToFlowPosition]);

  const add = useCallback((descriptor: ActivityDescriptor, at?: Position, from?: { activity: string; port: string }) => {
    const taken = new Set((flow.activities ?? []).map(a => a.id));
    const id = freshId(descriptor.typeName, taken);
    const anchor = flow.activities?.find(a => a.id === (from?.activity ?? selected[selected.length - 1]));
    const below = anchor ? positionOf(anchor) : null;
    const position = at ?? (below ? { x: below.x, y: below.y + NodeHeight + 60 } : { x: 40, y: 40 + (flow.activities?.length ?? 0) * 30 });
    let next = addActivity(flow, { id, type: descriptor.typeName, version: 1, inputs: defaultInputs(descriptor), position: { x: Math.round(position.x), y: Math.round(position.y) } });
    if (from && !descriptor.isTrigger) next = connect(next, { source: from, target: { activity: id, port: InPort } });
    commit(next, `Added ${descriptor.displayName} as ${id}.`);
    setNodes(ns => ns.map(n => ({ ...n, selected: false })));
    setSelected([id]);
    return id;
  }, [flow, selected, commit, setNodes]);

  const onDrop = useCallback((event: DragEvent) => {
    event.preventDefault();
    const type = event.dataTransfer.getData(ActivityDragType);
    const descriptor = descriptors.get(type);
    if (descriptor) add(descriptor, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }, [descriptors, add, screenToFlowPosition]);

  // Moves are committed when the drag ends, so a drag is one undo step.
  const onNodeDragStop = useCallback((_: unknown, __: unknown, dragged: ActivityFlowNode[]) => {
    commit(moveActivities(flow, new Map(dragged.map(n => [n.id, n.position]))));
  }, [flow, commit]);

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: ActivityFlowNode[]; edges: Edge[] }) => {
    let next = disconnect(flow, cut.map(connectionOf));
    if (gone.length) next = removeActivities(next, new Set(gone.map(n => n.id)));
    commit(next, gone.length ? `Deleted ${gone.map(n => n.id).join(', ')}.` : 'Deleted the connection.');
  }, [flow, commit]);

  const onSelectionChange = useCallback(({ nodes: chosen }: OnSelectionChangeParams) => {
    const ids = chosen.map(n => n.id);
    setSelected(current => (current.length === ids.length && current.every((id, i) => id === ids[i]) ? current : ids));
    setFocusInput(current => (current === null ? current : null));
  }, []);

  const select = useCallback((id: string, input?: string | null) => {
    setNodes(ns => ns.map(n => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
    setSelected([id]);
    setFocusInput(input ?? null);
    const node = flow.activities?.find(a => a.id === id);
    if (node) void fitView({ nodes: [{ id }], duration: 200, maxZoom: 1.2 });
  }, [flow.activities, fitView, setNodes]);

  const copy = useCallback(() => {
    if (selected.length === 0) return;
    const fragment = fragmentOf(flow, new Set(selected));
    localStorage.setItem(ClipboardKey, JSON.stringify(fragment));
    setAnnouncement(`Copied ${fragment.activities.length} activit${fragment.activities.length === 1 ? 'y' : 'ies'}.`);
  }, [flow, selected]);

  const pasteClipboard = useCallback(() => {
    const text = localStorage.getItem(ClipboardKey);
    if (!text || readOnly) return;
    let fragment: Fragment;
    try {
      fragment = JSON.parse(text) as Fragment;
    } catch {
      return;
    }
    const known = fragment.activities.filter(a => descriptors.has(a.type));
    const { flow: next, pasted } = paste(flow, { ...fragment, activities: known }, { x: 40, y: 40 });
    commit(next, `Pasted ${pasted.length} activit${pasted.length === 1 ? 'y' : 'ies'}.`);
    setNodes(ns => ns.map(n => ({ ...n, selected: false })));
    setSelected(pasted);
  }, [flow, descriptors, commit, readOnly, setNodes]);

  const removeSelected = useCallback((reconnect: boolean) => {
    if (selected.length === 0) return;
    commit(removeActivities(flow, new Set(selected), reconnect), `Deleted ${selected.join(', ')}${reconnect ? ' and joined its neighbours' : ''}.`);
    setSelected([]);
  }, [flow, selected, commit]);

  // Fitting waits until the canvas has the new positions, or it would fit the old ones.
  const [fitRequest, setFitRequest] = useState(0);
  useEffect(() => {
    if (fitRequest === 0) return;
    const timer = window.setTimeout(() => void fitView({ duration: 0, ...FitOptions }), 30);
    return () => window.clearTimeout(timer);
  }, [fitRequest, nodes, fitView]);
  const fit = useCallback(() => setFitRequest(n => n + 1), []);

  // A read-only view (an instance's path) keeps the whole flow in sight when its box changes size (a phone turned).
  useEffect(() => {
    if (!readOnly || !wrapper.current) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(wrapper.current);
    return () => observer.disconnect();
  }, [readOnly, fit]);

  const layOut = useCallback(() => {
    commit(moveActivities(flow, autoLayout(flow)), 'Laid the flow out.');
    fit();
  }, [flow, commit, fit]);

  const onKeyDown = useCallback((event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable=true]')) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && key === 'z' && !event.shiftKey) { event.preventDefault(); history.undo(); }
    else if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) { event.preventDefault(); history.redo(); }
    else if (mod && key === 'c') { event.preventDefault(); copy(); }
    else if (mod && key === 'v') { event.preventDefault(); pasteClipboard(); }
  }, [history, copy, pasteClipboard]);

  // Removals go through onDelete, as one undoable change; a read-only canvas only selects.
  const onCanvasChange = useCallback((changes: NodeChange<ActivityFlowNode>[]) =>
    onNodesChange(readOnly ? changes.filter(c => c.type === 'select') : changes.filter(c => c.type !== 'remove')), [onNodesChange, readOnly]);

  const menuAt = (e: { clientX: number; clientY: number }) => {
    const box = wrapper.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const onNodeContextMenu = useCallback((e: React.MouseEvent, node: ActivityFlowNode) => {
    e.preventDefault();
    if (!node.selected) select(node.id);
    setMenu({ ...menuAt(e), activityId: node.id });
  }, [select]);
  const onPaneContextMenu = useCallback((e: React.MouseEvent | MouseEvent) => {
    e.preventDefault();
    setMenu(menuAt(e));
  }, []);
  const onPaneClick = useCallback(() => {
    setMenu(null);
    setPending(null);
  }, []);

  const one = selected.length === 1 ? flow.activities?.find(a => a.id === selected[0]) : undefined;
  // Stable callbacks, so the panels beside the canvas do not redraw while a node is dragged.
  const onInput = useCallback((input: string, value: unknown) => {
    if (one) commit(setInput(flow, one.id, input, value), undefined, `${one.id}:${input}`);
  }, [flow, one, commit]);
  const onRename = useCallback((id: string) => {
    if (!one) return;
    const next = renameActivity(flow, one.id, id);
    if (next !== flow) { commit(next, `Renamed ${one.id} to ${id}.`); setSelected([id]); }
  }, [flow, one, commit]);
  const choose = useCallback((p: FlowProblem) => { if (p.activityId) select(p.activityId, p.input); }, [select]);
  const triggers = (flow.activities ?? []).filter(a => descriptors.get(a.type)?.isTrigger);
  const nextChoices = useMemo(() => catalog.categories.flatMap(c => c.activities.filter(a => !a.isTrigger).map(a => ({ value: a.typeName, label: `${a.displayName} (${c.name})` }))), [catalog]);

  return (
    <Stack gap="xs">
      {!readOnly && (
        <Group gap="xs" role="toolbar" aria-label="Designer">
          <Button size="xs" variant="default" onClick={history.undo} disabled={!history.canUndo}>Undo</Button>
          <Button size="xs" variant="default" onClick={history.redo} disabled={!history.canRedo}>Redo</Button>
          <Button size="xs" variant="default" onClick={copy} disabled={selected.length === 0}>Copy</Button>
          <Button size="xs" variant="default" onClick={pasteClipboard}>Paste</Button>
          <Button size="xs" variant="default" onClick={() => removeSelected(false)} disabled={selected.length === 0}>Delete</Button>
          <Button size="xs" variant="default" onClick={layOut}>Auto-layout</Button>
          <Button size="xs" variant="default" onClick={fit}>Zoom to fit</Button>
          <Text size="xs" c="dimmed">{triggers.length === 0 ? 'No trigger yet: add one from Triggers.' : `Started by ${triggers.map(t => String(t.inputs?.eventType ?? t.type)).join(', ')}`}</Text>
        </Group>
      )}
      <Grid gap={8}>
        {!readOnly && <Grid.Col span={{ base: 12, md: 2 }}><Paper withBorder p="xs" h={{ base: 220, md: height }} style={{ overflow: 'hidden' }}><Palette catalog={catalog} onAdd={add} /></Paper></Grid.Col>}
        <Grid.Col span={{ base: 12, md: readOnly ? 12 : 7 }}>
        <div ref={wrapper} style={{ position: 'relative', border: '1px solid #d0d7de', borderRadius: 8, minWidth: 0, height: typeof height === 'number' ? `min(${height}px, 75vh)` : height }} onKeyDown={onKeyDown}
          onDragOver={e => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop} role="region" aria-label="Canvas">
          <ReactFlow<ActivityFlowNode, Edge>
            nodes={nodes} edges={edges} nodeTypes={nodeTypes}
            onNodesChange={onCanvasChange}
            onConnect={onConnect} onConnectEnd={onConnectEnd} isValidConnection={isValidConnection}
            onNodeDragStop={onNodeDragStop} onDelete={onDelete} onSelectionChange={onSelectionChange}
            onNodeContextMenu={onNodeContextMenu} onPaneContextMenu={onPaneContextMenu} onPaneClick={onPaneClick}
            nodesConnectable={!readOnly} elementsSelectable deleteKeyCode={readOnly ? null : DeleteKeys}
            multiSelectionKeyCode={MultiSelectKeys} snapToGrid snapGrid={SnapGrid} fitView fitViewOptions={FitOptions} minZoom={0.1}
            proOptions={ProOptions}>
            <Background gap={20} />
            <Controls showInteractive={false} />
            {!readOnly && <MiniMap pannable zoomable ariaLabel="Overview of the flow" style={{ width: 140, height: 96 }} nodeColor={miniMapColour} />}
          </ReactFlow>
          {menu && !readOnly && (
            <Menu opened onChange={open => { if (!open) setMenu(null); }} position="bottom-start" withinPortal={false}>
              <Menu.Target><div style={{ position: 'absolute', left: menu.x, top: menu.y, width: 1, height: 1 }} /></Menu.Target>
              <Menu.Dropdown>
                {menu.activityId ? (
                  <>
                    <Menu.Item onClick={copy}>Copy</Menu.Item>
                    <Menu.Item onClick={() => { copy(); pasteClipboard(); }}>Duplicate</Menu.Item>
                    <Menu.Item onClick={() => removeSelected(true)}>Delete and join its neighbours</Menu.Item>
                    <Menu.Item color="red.9" onClick={() => removeSelected(false)}>Delete</Menu.Item>
                  </>
                ) : (
                  <>
                    <Menu.Item onClick={pasteClipboard}>Paste</Menu.Item>
                    <Menu.Item onClick={layOut}>Auto-layout</Menu.Item>
                    <Menu.Item onClick={fit}>Zoom to fit</Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
          {pending && (
            <Paper withBorder shadow="md" p="xs" style={{ position: 'absolute', left: Math.min(pending.screen.x, 9999), top: pending.screen.y, zIndex: 10, width: 260 }}>
              <Select size="xs" label={`Next after ${pending.source.activity} (${pending.source.port})`} placeholder="Choose an activity" data={nextChoices}
                searchable autoFocus dropdownOpened comboboxProps={{ withinPortal: false }}
                onChange={type => { const d = type ? descriptors.get(type) : undefined; if (d) add(d, pending.at, pending.source); setPending(null); }}
                onKeyDown={e => { if (e.key === 'Escape') setPending(null); }} />
            </Paper>
          )}
        </div>
        </Grid.Col>
        {!readOnly && (
          <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="xs" h={{ base: 'auto', md: height }} style={{ overflow: 'hidden' }}>
            <ScrollArea h="100%" type="auto">
              {one ? (
                <PropertiesPanel activity={one} descriptor={descriptors.get(one.type)} problems={problemsOf.get(one.id) ?? NoProblems} focusInput={focusInput}
                  onInput={onInput} onRename={onRename} />
              ) : (
                <Text size="sm" c="dimmed">{selected.length > 1 ? `${selected.length} activities chosen: copy, delete or drag them together.` : 'Choose an activity to edit its properties. Drag from the list, or drop a connection on empty canvas to add the next step.'}</Text>
              )}
            </ScrollArea>
          </Paper>
          </Grid.Col>
        )}
      </Grid>
      {!readOnly && <ProblemsPanel problems={problems} onChoose={choose} />}
      <div role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{announcement}</div>
    </Stack>
  );
}
