import type { Workflow, WorkflowEdge, WorkflowNode } from '#shared';

function doc(id: string, nodes: WorkflowNode[], edges: WorkflowEdge[]): Workflow {
  return { format: 'switchyard/workflow@1', id, name: id, version: 1, nodes, edges };
}

/** start → end: the smallest run there is (B2). */
export function emptyWorkflow(): Workflow {
  return doc(
    'bench-empty',
    [
      { id: 'start', kind: 'start' },
      { id: 'done', kind: 'end' },
    ],
    [{ from: 'start', to: 'done' }],
  );
}

/**
 * start → t1 … t(n-2) → end: `nodes` nodes in all (B1, B3). Each transform evaluates one
 * small JSONata expression, like a real mapping step would; with `step: 'script'` each is a
 * script node computing the same in JavaScript (B11).
 */
export function chainWorkflow(nodes: number, step: 'transform' | 'script' = 'transform'): Workflow {
  const ids = ['start', ...Array.from({ length: nodes - 2 }, (_, i) => `t${i + 1}`), 'done'];
  const list: WorkflowNode[] = ids.map((id, i) => {
    if (i === 0) return { id, kind: 'start' };
    if (i === ids.length - 1) return { id, kind: 'end', config: { output: `steps.t${nodes - 2}.output` } };
    if (step === 'script') return { id, kind: 'script', config: { code: `return input.n + ${i};` } };
    return { id, kind: 'transform', config: { output: `input.n + ${i}` } };
  });
  const edges = ids.slice(1).map((to, i) => ({ from: ids[i] ?? '', to }));
  return doc(`bench-${step}-chain`, list, edges);
}

/**
 * start → before → call → after → end (B10): `call` is an HTTP request to `url`, the task a
 * worker is in the middle of when it is killed.
 */
export function taskWorkflow(url: string): Workflow {
  return doc(
    'bench-task',
    [
      { id: 'start', kind: 'start' },
      { id: 'before', kind: 'transform', config: { output: 'input.n + 1' } },
      { id: 'call', kind: 'http', config: { method: 'GET', url } },
      { id: 'after', kind: 'transform', config: { output: 'steps.call.output.body' } },
      { id: 'done', kind: 'end', config: { output: 'steps.after.output' } },
    ],
    [
      { from: 'start', to: 'before' },
      { from: 'before', to: 'call' },
      { from: 'call', to: 'after' },
      { from: 'after', to: 'done' },
    ],
  );
}

/**
 * A counting loop (B5): every turn is 4 events (inc entered/completed, check entered/completed),
 * so `input.n` turns make about 4n events.
 */
export function loopWorkflow(): Workflow {
  return doc(
    'bench-loop',
    [
      { id: 'start', kind: 'start' },
      { id: 'init', kind: 'transform', config: { assign: { i: '0' } } },
      { id: 'inc', kind: 'transform', config: { output: 'vars.i + 1', assign: { i: 'vars.i + 1' } } },
      { id: 'check', kind: 'condition', config: { when: 'vars.i < input.n' } },
      { id: 'done', kind: 'end', config: { output: 'vars.i' } },
    ],
    [
      { from: 'start', to: 'init' },
      { from: 'init', to: 'inc' },
      { from: 'inc', to: 'check' },
      { from: 'check', port: 'true', to: 'inc' },
      { from: 'check', port: 'false', to: 'done' },
    ],
  );
}

/** Turns of loopWorkflow that make (about) `events` events. */
export function loopTurnsFor(events: number): number {
  // run.started, start entered/completed, init entered/completed | 4 per turn | done entered/completed, run.completed
  return Math.max(1, Math.round((events - 8) / 4));
}

/** Node ids of segment `s` of the big workflow (10 nodes). */
function segmentIds(s: number) {
  const p = `s${s}_`;
  return {
    map: `${p}map`,
    check: `${p}check`,
    yes: `${p}yes`,
    no: `${p}no`,
    merge: `${p}merge`,
    split: `${p}split`,
    left: `${p}left`,
    right: `${p}right`,
    join: `${p}join`,
    note: `${p}note`,
  };
}

/**
 * A generated workflow of exactly `total` nodes (B6): start, segments of 10 nodes
 * (transform, condition with two branches that meet again, a parallel block of two
 * branches and its join, a log), padded with transforms, then end. Each `variant` has its
 * own expression texts, so no compiled expression of another variant can be reused.
 */
export function bigWorkflow(total: number, variant = 0): Workflow {
  const segments = Math.floor((total - 2) / 10);
  const padding = total - 2 - segments * 10;
  const nodes: WorkflowNode[] = [{ id: 'start', kind: 'start' }];
  const edges: WorkflowEdge[] = [];
  let last = 'start';
  for (let s = 0; s < segments; s++) {
    const id = segmentIds(s);
    const k = s + variant * total;
    nodes.push(
      { id: id.map, kind: 'transform', config: { output: `input.n + ${k}` } },
      { id: id.check, kind: 'condition', config: { when: `steps.${id.map}.output > ${k}` } },
      { id: id.yes, kind: 'transform', config: { assign: { last: `'yes ${k}'` } } },
      { id: id.no, kind: 'transform', config: { assign: { last: `'no ${k}'` } } },
      { id: id.merge, kind: 'transform', config: { output: `vars.last & ' ${k}'` } },
      { id: id.split, kind: 'parallel' },
      { id: id.left, kind: 'transform', config: { output: `${k} * 2` } },
      { id: id.right, kind: 'transform', config: { output: `${k} * 3` } },
      { id: id.join, kind: 'join', config: { mode: 'all' } },
      { id: id.note, kind: 'log', config: { message: `segment ${k}: {{ vars.last }}` } },
    );
    edges.push(
      { from: last, to: id.map },
      { from: id.map, to: id.check },
      { from: id.check, port: 'true', to: id.yes },
      { from: id.check, port: 'false', to: id.no },
      { from: id.yes, to: id.merge },
      { from: id.no, to: id.merge },
      { from: id.merge, to: id.split },
      { from: id.split, to: id.left },
      { from: id.split, to: id.right },
      { from: id.left, to: id.join },
      { from: id.right, to: id.join },
      { from: id.join, to: id.note },
    );
    last = id.note;
  }
  for (let i = 0; i < padding; i++) {
    const id = `pad${i}`;
    nodes.push({ id, kind: 'transform' });
    edges.push({ from: last, to: id });
    last = id;
  }
  nodes.push({ id: 'done', kind: 'end' });
  edges.push({ from: last, to: 'done' });
  return doc('bench-big', nodes, edges);
}

type Target = { target: string };
type StateConfig = Record<string, unknown>;

/**
 * The same graph as bigWorkflow, written directly as an XState config (what someone would
 * hand-write without Switchyard): a state per node, invoked tasks, guarded `always` for
 * conditions, a parallel state per block.
 */
export function bigMachineConfig(total: number): { id: string; initial: string; states: Record<string, StateConfig> } {
  const segments = Math.floor((total - 2) / 10);
  const padding = total - 2 - segments * 10;
  const to = (id: string): Target => ({ target: `#${id}` });
  const task = (id: string, next: string): StateConfig => ({
    id,
    invoke: { src: 'task', input: { node: id }, onDone: to(next), onError: to('_failed') },
  });
  const branch = (id: string): StateConfig => ({
    initial: id,
    states: { [id]: { ...task(id, `${id}_done`) }, [`${id}_done`]: { id: `${id}_done`, type: 'final' } },
  });
  const states: Record<string, StateConfig> = { start: { id: 'start', on: { 'RUN.START': to('s0_map') } } };
  for (let s = 0; s < segments; s++) {
    const id = segmentIds(s);
    const next = s + 1 < segments ? segmentIds(s + 1).map : padding > 0 ? 'pad0' : 'done';
    states[id.map] = task(id.map, id.check);
    states[id.check] = {
      id: id.check,
      always: [{ guard: { type: 'expression', params: { node: id.check } }, ...to(id.yes) }, to(id.no)],
    };
    states[id.yes] = task(id.yes, id.merge);
    states[id.no] = task(id.no, id.merge);
    states[id.merge] = task(id.merge, id.split);
    states[id.split] = {
      id: id.split,
      type: 'parallel',
      states: { [id.left]: branch(id.left), [id.right]: branch(id.right) },
      onDone: to(id.join),
    };
    states[id.join] = { id: id.join, always: to(id.note) };
    states[id.note] = task(id.note, next);
  }
  for (let i = 0; i < padding; i++) states[`pad${i}`] = task(`pad${i}`, i + 1 < padding ? `pad${i + 1}` : 'done');
  states['done'] = { id: 'done', type: 'final' };
  states['_failed'] = { id: '_failed', type: 'final' };
  if (segments === 0) states['start'] = { id: 'start', on: { 'RUN.START': to(padding > 0 ? 'pad0' : 'done') } };
  return { id: 'bench-big', initial: 'start', states };
}
