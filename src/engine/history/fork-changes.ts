import type { ForkChanges, HistoryEvent } from '#shared';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import type { RunFold } from './run-fold.js';

type Data = Record<string, unknown>;

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The changes a fork's `run.started` data records: `changes` {vars?, input?, outputs?}, and the
 * `vars` of forks recorded before what-if forks existed. Lenient: a history is read as it is.
 */
export function forkChangesOf(data: Data): ForkChanges {
  const recorded = isData(data['changes']) ? data['changes'] : {};
  const changes: ForkChanges = {};
  const vars = isData(recorded['vars']) ? recorded['vars'] : data['vars'];
  if (isData(vars) && Object.keys(vars).length > 0) changes.vars = vars;
  if ('input' in recorded) changes.input = recorded['input'] ?? null;
  const outputs = recorded['outputs'];
  if (isData(outputs) && Object.keys(outputs).length > 0) changes.outputs = outputs;
  return changes;
}

/** Whether a `run.started` event starts a fork (it carries the parent's state). */
export function isForkStart(event: HistoryEvent): boolean {
  return event.type === 'run.started' && isData(event.data?.['restore']);
}

/**
 * What a fork changed, as scope paths a person reads: `vars.discount`, `input`,
 * `steps.fetch.output`.
 *
 * @example
 * changedPaths({ input: { amount: 5 }, outputs: { fetch: {} } }); // ['input', 'steps.fetch.output']
 */
export function changedPaths(changes: ForkChanges): string[] {
  return [
    ...Object.keys(changes.vars ?? {}).map((key) => `vars.${key}`),
    ...(changes.input === undefined ? [] : ['input']),
    ...Object.keys(changes.outputs ?? {}).map((node) => `steps.${node}.output`),
  ];
}

/**
 * Applies a fork's changes to the state it starts from, in place. A changed input is the start
 * node's output too (the start node outputs the run input), unless that output is changed itself.
 */
export function applyForkChanges(fold: RunFold, changes: ForkChanges, graph: WorkflowGraph): void {
  if (changes.vars !== undefined) Object.assign(fold.vars, changes.vars);
  if (changes.input !== undefined) {
    fold.input = changes.input;
    const start = graph.startId;
    const step = start === undefined ? undefined : fold.steps[start];
    // Steps are replaced, never changed inside (the driver shares them with captured contexts).
    if (start !== undefined && step !== undefined && 'output' in step)
      fold.steps[start] = { ...step, output: changes.input };
  }
  for (const [node, output] of Object.entries(changes.outputs ?? {})) {
    const step = fold.steps[node];
    fold.steps[node] = { ...step, output, attempts: step?.attempts ?? 1 };
  }
}
