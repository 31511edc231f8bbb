import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { autoLayout, Designer, type ActivityCatalog, type Flowchart } from '../src';

/**
 * The designer benchmark's page: `?n=300` opens a generated flow of that many activities in the designer;
 * `&baseline=1` draws the same number of plain boxes with React alone, the floor the designer is compared with.
 * It reports on `window.bench`: the time to first render, and a recorder of frame gaps and long tasks.
 */
const input = (name: string, type = 'String', uiHint: string | null = null) => ({ name, type, uiHint, required: true });
const port = (name: string) => ({ name, description: name });
const catalog: ActivityCatalog = {
  categories: [
    { name: 'Triggers', activities: [{ typeName: 'OnEvent', category: 'Triggers', displayName: 'On event', description: '', inputs: [input('eventType')], isTrigger: true, isWaiting: false, inPort: null, outPorts: [port('Done')] }] },
    {
      name: 'Flow', activities: [
        { typeName: 'Delay', category: 'Flow', displayName: 'Delay', description: '', inputs: [input('duration', 'Duration', 'duration')], isTrigger: false, isWaiting: true, inPort: port('In'), outPorts: [port('Done')] },
        { typeName: 'Decision', category: 'Flow', displayName: 'Decision', description: '', inputs: [input('condition', 'Boolean', 'javascript')], isTrigger: false, isWaiting: false, inPort: port('In'), outPorts: [port('True'), port('False')] },
      ],
    },
    { name: 'Messaging', activities: [{ typeName: 'SendEmail', category: 'Messaging', displayName: 'Send email', description: '', inputs: [input('subject', 'String', 'liquid'), input('body', 'String', 'liquid')], isTrigger: false, isWaiting: false, inPort: port('In'), outPorts: [port('Done')] }] },
  ],
};

/** A flow of n activities: a trigger, then delays, decisions and emails in turn, each decision's two ways joining again. */
function generate(n: number): Flowchart {
  const types = ['Delay', 'Decision', 'SendEmail'];
  const activities = Array.from({ length: n }, (_, i) => i === 0
    ? { id: 'a0', type: 'OnEvent', inputs: { eventType: 'ExamFailed' } }
    : { id: `a${i}`, type: types[i % 3], inputs: types[i % 3] === 'Delay' ? { duration: 'P1D' } : types[i % 3] === 'Decision' ? { condition: 'input.score > 50' } : { subject: 'Hello', body: 'Dear {{ member.firstName }}' } });
  const connections = activities.slice(1).flatMap((a, i) => {
    const from = activities[i];
    return from.type === 'Decision'
      ? [{ source: { activity: from.id, port: 'True' }, target: { activity: a.id, port: 'In' } }, { source: { activity: from.id, port: 'False' }, target: { activity: a.id, port: 'In' } }]
      : [{ source: { activity: from.id, port: 'Done' }, target: { activity: a.id, port: 'In' } }];
  });
  const flow: Flowchart = { activities, connections };
  const at = autoLayout(flow);
  return { ...flow, activities: activities.map(a => ({ ...a, position: at.get(a.id)! })) };
}

type Bench = { firstRenderMs?: number; record: () => void; stop: () => { longestFrameMs: number; longestTaskMs: number } };
declare global { interface Window { bench: Bench } }

const params = new URLSearchParams(window.location.search);
const n = Number(params.get('n') ?? 50);
const flow = generate(n);

// Frame gaps (requestAnimationFrame to requestAnimationFrame) and long tasks (50 ms or more) while recording.
let recording = false;
let longestFrame = 0;
let longestTask = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (recording) longestTask = Math.max(longestTask, e.duration); }).observe({ type: 'longtask', buffered: false });
window.bench = {
  record: () => {
    recording = true;
    longestFrame = 0;
    longestTask = 0;
    let last = performance.now();
    const tick = (t: number) => {
      longestFrame = Math.max(longestFrame, t - last);
      last = t;
      if (recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stop: () => {
    recording = false;
    return { longestFrameMs: longestFrame, longestTaskMs: longestTask };
  },
};

// First render: from mounting until the boxes are on screen and a frame has been painted with them.
function Rendered({ selector, count }: { selector: string; count: number }) {
  useEffect(() => {
    const check = () => {
      if (document.querySelectorAll(selector).length >= count) requestAnimationFrame(() => { window.bench.firstRenderMs = performance.now() - start; });
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, [selector, count]);
  return null;
}

function Baseline() {
  return (
    <div style={{ position: 'relative', height: 700, overflow: 'hidden' }}>
      {flow.activities!.map(a => (
        <div key={a.id} className="box" style={{ position: 'absolute', left: a.position!.x / 4, top: a.position!.y / 4, width: 220, height: 72, border: '1px solid #888', borderRadius: 8, background: '#fff', font: '13px system-ui' }}>
          <div style={{ fontWeight: 600 }}>{a.type}</div><div>{a.id}</div>
        </div>
      ))}
    </div>
  );
}

const start = performance.now();
createRoot(document.getElementById('root')!).render(
  <MantineProvider>
    {params.get('baseline')
      ? <><Baseline /><Rendered selector=".box" count={n} /></>
      : <><Designer catalog={catalog} flow={flow} height={700} /><Rendered selector=".react-flow__node" count={1} /></>}
  </MantineProvider>,
);
