import type { ErrorInfo, HistoryEvent } from '#shared';
import type { RunFold } from '#engine';
import { executionsUpTo, type Execution, type NodeIndex } from './node-index.js';
import { eventAt, foldAtSeq, lastSeq, type Timeline } from './timeline.js';

/** What a node's expressions read when it was entered: DESIGN §4's context, plus the forEach item. */
export interface NodeInputScope {
  input: unknown;
  vars: Record<string, unknown>;
  steps: RunFold['steps'];
  item?: unknown;
  index?: number;
}

/** How the execution shown stands at the selected seq. */
export type NodeOutcome =
  | { kind: 'running' }
  | { kind: 'output'; seq: number; value: unknown; port: string }
  /** `willRetry`: this attempt failed and another one follows (the run is not over for this node). */
  | { kind: 'error'; seq: number; error: ErrorInfo; attempt: number; willRetry: boolean };

/** One node's data at one seq: the execution that had begun by then, what it saw and what it gave. */
export type NodeData =
  /** `firstSeq`: where its first execution begins, when the history has one after `seq`. */
  | { state: 'not-run'; node: string; seq: number; executions: number; firstSeq?: number }
  | {
      state: 'ran';
      node: string;
      seq: number;
      /** Which execution this is (1-based) and how many the whole history has. */
      execution: number;
      executions: number;
      enteredSeq: number;
      /** The seq of its final outcome, when that is at or before the selected seq. */
      endSeq?: number;
      input: NodeInputScope;
      outcome: NodeOutcome;
    };

/** The context of a fold, as the node entered at that fold's seq saw it. */
export function inputScopeOf(fold: RunFold): NodeInputScope {
  return {
    input: fold.input,
    vars: fold.vars,
    steps: fold.steps,
    ...(fold.item === undefined ? {} : { item: fold.item }),
    ...(fold.index === undefined ? {} : { index: fold.index }),
  };
}

/** Input scopes already folded, per timeline and entry seq: scrubbing within one execution folds once. */
const inputCache = new WeakMap<Timeline, Map<number, NodeInputScope>>();

/** The scope of the node entered at `enteredSeq` (the fold after that event). */
export function inputScopeAt(timeline: Timeline, enteredSeq: number): NodeInputScope {
  let cache = inputCache.get(timeline);
  if (cache === undefined) {
    cache = new Map();
    inputCache.set(timeline, cache);
  }
  let scope = cache.get(enteredSeq);
  if (scope === undefined) {
    scope = inputScopeOf(foldAtSeq(timeline, enteredSeq));
    if (cache.size > 64) cache.clear();
    cache.set(enteredSeq, scope);
  }
  return scope;
}

function errorOf(value: unknown): ErrorInfo {
  if (typeof value === 'object' && value !== null) {
    const message: unknown = Reflect.get(value, 'message');
    const code: unknown = Reflect.get(value, 'code');
    if (typeof message === 'string') return { code: typeof code === 'string' ? code : 'INTERNAL', message };
  }
  return { code: 'INTERNAL', message: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** The last outcome (`node.completed` / `node.failed`) of `node` in seqs (from, to], or running. */
function outcomeBetween(timeline: Timeline, node: string, from: number, to: number): NodeOutcome {
  for (let seq = to; seq > from; seq--) {
    const event: HistoryEvent | undefined = eventAt(timeline, seq);
    if (event === undefined || event.node !== node) continue;
    const data = event.data ?? {};
    if (event.type === 'node.completed') {
      const port = data['port'];
      return { kind: 'output', seq, value: data['output'] ?? null, port: typeof port === 'string' ? port : 'out' };
    }
    if (event.type === 'node.failed') {
      const attempt = data['attempt'];
      return {
        kind: 'error',
        seq,
        error: errorOf(data['error']),
        attempt: typeof attempt === 'number' ? attempt : 1,
        willRetry: data['willRetry'] === true,
      };
    }
  }
  return { kind: 'running' };
}

/**
 * The data of `node` at `seq`: its latest execution begun by then, the scope it was entered
 * with (`input`, `vars`, `steps` as they were at its `node.entered`), and its output or
 * error as far as the history had got at `seq`. Everything comes from the log: nothing runs.
 */
export function nodeDataAt(timeline: Timeline, index: NodeIndex, node: string, seq: number): NodeData {
  const list: readonly Execution[] = index.executions.get(node) ?? [];
  const at = Math.max(0, Math.min(seq, lastSeq(timeline)));
  const n = executionsUpTo(list, at);
  const execution = list[n - 1];
  if (execution === undefined) {
    const first = list[0]?.enteredSeq;
    return {
      state: 'not-run',
      node,
      seq: at,
      executions: list.length,
      ...(first === undefined ? {} : { firstSeq: first }),
    };
  }
  const input = inputScopeAt(timeline, execution.enteredSeq);
  const ended = execution.endSeq !== undefined && execution.endSeq <= at;
  const outcome = outcomeBetween(timeline, node, execution.enteredSeq, ended ? (execution.endSeq ?? at) : at);
  return {
    state: 'ran',
    node,
    seq: at,
    execution: n,
    executions: list.length,
    enteredSeq: execution.enteredSeq,
    ...(ended && execution.endSeq !== undefined ? { endSeq: execution.endSeq } : {}),
    input,
    outcome,
  };
}
