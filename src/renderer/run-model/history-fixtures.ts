import { graphOf, type WorkflowGraph } from '#engine';
import type { HistoryEvent, Workflow } from '#shared';

type Draft = Omit<HistoryEvent, 'seq' | 'at'>;

/** Numbers drafts 1..N, one second apart from 2026-01-01T00:00:00Z. */
export function numbered(drafts: readonly Draft[]): HistoryEvent[] {
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  return drafts.map((d, i) => ({ ...d, seq: i + 1, at: new Date(t0 + i * 1000).toISOString() }));
}

/** start → init (vars.i = 0) → loop `more`/`tick` `times` times → done. */
export function loopHistory(times: number): HistoryEvent[] {
  const drafts: Draft[] = [
    { type: 'run.started', data: { input: { times }, workflowId: 'loop', version: 1 } },
    { type: 'node.entered', node: 'start', data: { kind: 'start' } },
    { type: 'node.completed', node: 'start', data: { output: { times } } },
    { type: 'node.entered', node: 'init', data: { kind: 'transform', from: 'start' } },
    { type: 'node.completed', node: 'init', data: { output: null, vars: { i: 0 } } },
  ];
  let from = 'init';
  for (let i = 0; i <= times; i++) {
    const more = i < times;
    drafts.push(
      { type: 'node.entered', node: 'more', data: { kind: 'condition', from } },
      { type: 'node.completed', node: 'more', data: { output: null, port: more ? 'true' : 'false' } },
    );
    if (!more) break;
    drafts.push(
      { type: 'node.entered', node: 'tick', data: { kind: 'transform', from: 'more' } },
      { type: 'node.completed', node: 'tick', data: { output: i + 1, vars: { i: i + 1 } } },
    );
    from = 'tick';
  }
  drafts.push(
    { type: 'node.entered', node: 'done', data: { kind: 'end', from: 'more' } },
    { type: 'node.completed', node: 'done', data: { output: { i: times } } },
    { type: 'run.completed', data: { output: { i: times } } },
  );
  return numbered(drafts);
}

/** The workflow `loopHistory` is a run of. */
export const loopWorkflow: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'loop',
  name: 'Loop',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'init', kind: 'transform', config: { assign: { i: '0' } } },
    { id: 'more', kind: 'condition', config: { when: 'vars.i < input.times' } },
    { id: 'tick', kind: 'transform', config: { output: 'vars.i + 1', assign: { i: 'vars.i + 1' } } },
    { id: 'done', kind: 'end', config: { output: "{ 'i': vars.i }" } },
  ],
  edges: [
    { from: 'start', to: 'init' },
    { from: 'init', to: 'more' },
    { from: 'more', port: 'true', to: 'tick' },
    { from: 'tick', to: 'more' },
    { from: 'more', port: 'false', to: 'done' },
  ],
};

export const loopGraph: WorkflowGraph = graphOf(loopWorkflow);
