import { NODE_KINDS, type ErrorInfo, type HistoryEvent, type NodeKind, type RunState, type RunStatus } from '#shared';
import { afterEvent, doneEvent, errorEvent, RUN_CANCEL, RUN_FAIL } from '../compile/compile-scope.js';
import {
  nextToCompensate,
  RouteMachine,
  routeMachineOf,
  tryRouteMachineOf,
  type MachineState,
  type RouteEvent,
  type RouteStep,
  type RunEnd,
} from '../machine/route-machine.js';
import { applyForkChanges, forkChangesOf } from './fork-changes.js';
import { WAITING_KINDS } from '../model/node-ports.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';

/** Why an active node is not simply running. */
export type ActivePhase = 'ready' | 'retry-wait' | 'waiting';

export interface Approval {
  decision: 'approved' | 'rejected';
  by: string;
  comment: string | null;
  at: string;
}

export interface ActiveNode {
  node: string;
  kind: NodeKind;
  enteredSeq: number;
  enteredAt: string;
  /** Which entry of the node this is (1, 2, … when a loop re-enters it). */
  entry: number;
  attempt: number;
  phase: ActivePhase;
  /** Delay and retry timers: when the node may go on (ISO). */
  dueAt?: string;
  /** Approval and wait timeouts (ISO). */
  timeoutAt?: string;
  /** The timeout fell due (`timer.fired`): how the machine said the node ends, not recorded yet. */
  timedOut?: 'port' | 'fails';
  /** Approval requests: who may decide and how many approvals are needed. */
  approvers?: string[];
  minApprovals?: number;
  title?: string;
  approvals?: Approval[];
  /** Joins: the last node of each branch that arrived, in arrival order. */
  arrivals?: string[];
  /** Joins: the nodes the machine left when the block ended (cut-off branches). */
  cancelled?: string[];
  /** Compensation nodes: the node whose work this one undoes. */
  compensates?: string;
}

export interface StepRecord {
  output?: unknown;
  error?: ErrorInfo;
  attempts: number;
}

/** A node the machine entered whose `node.entered` is not recorded yet. */
export interface PendingEntry {
  node: string;
  /** The node whose outcome led here (absent for the start node and compensations). */
  from?: string;
  /** A branch reaching its join (the join is entered for each arrival). */
  arrival?: boolean;
  /** The machine is in the join's own state: its block is over. */
  joinReady?: boolean;
  /** A compensation of the saga, and the node it undoes. */
  compensates?: string;
  /** Joins: the nodes the machine left when the block ended. */
  cancelled?: string[];
}

/**
 * Everything the engine knows about a run, derived from its history alone: the routing
 * machine's state after feeding it the recorded outcomes (`machine`), and the context the
 * events carry. Plain JSON, so it can be checkpointed and compared byte for byte.
 */
export interface RunFold {
  runId: string;
  workflowId: string;
  version: number;
  startedAt: string;
  seq: number;
  status: RunStatus;
  input: unknown;
  vars: Record<string, unknown>;
  steps: Record<string, StepRecord>;
  /** Entered (recorded) nodes the machine is still in. */
  active: ActiveNode[];
  /** The routing machine's state; undefined before `run.started`. */
  machine?: MachineState;
  /** Nodes the machine entered, in order, whose entry the host has yet to record. */
  pending: PendingEntry[];
  /** The machine reached a final state whose run event is not recorded yet. */
  pendingEnd?: RunEnd;
  /** The output of the `end` node that completed the run. */
  endOutput?: unknown;
  /** Why the run is failing, once the machine went to `_failing`. */
  failure?: ErrorInfo;
  /** Times each node was entered (the ENTRY of idempotency keys). */
  entries: Record<string, number>;
  /** Node executions so far (for maxSteps). */
  stepCount: number;
  maxSteps: number;
  /** Nesting depth of subflow/forEach child runs (0 for a top-level run). */
  depth: number;
  /** Inside a forEach body: the item and its index. */
  item?: unknown;
  index?: number;
  /** Set once the run has started compensating: the error it will fail with, and compensations finished. */
  compensation?: { error: ErrorInfo; done: number; failed: number };
  output?: unknown;
  error?: ErrorInfo;
}

export const DEFAULT_MAX_STEPS = 10_000;

export function emptyFold(runId: string): RunFold {
  return {
    runId,
    workflowId: '',
    version: 0,
    startedAt: '',
    seq: 0,
    status: 'running',
    input: null,
    vars: {},
    steps: {},
    active: [],
    pending: [],
    entries: {},
    stepCount: 0,
    maxSteps: DEFAULT_MAX_STEPS,
    depth: 0,
  };
}

type Data = Record<string, unknown>;

function str(data: Data, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' ? v : undefined;
}
function num(data: Data, key: string): number | undefined {
  const v = data[key];
  return typeof v === 'number' ? v : undefined;
}
function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The `error` of a `node.failed` or `run.failed` event, whatever shape the log gave it. */
export function errorOf(value: unknown): ErrorInfo {
  if (isData(value) && typeof value['message'] === 'string') {
    const code = value['code'];
    return { code: typeof code === 'string' ? code : 'INTERNAL', message: value['message'] };
  }
  return { code: 'INTERNAL', message: typeof value === 'string' ? value : JSON.stringify(value) };
}
function kindOf(value: unknown): NodeKind {
  return NODE_KINDS.find((k) => k === value) ?? 'transform';
}

/** A fold written by this program (fork snapshots, checkpoints). */
export function isRunFold(value: unknown): value is RunFold {
  return (
    isData(value) &&
    typeof value['seq'] === 'number' &&
    Array.isArray(value['active']) &&
    Array.isArray(value['pending']) &&
    isData(value['steps']) &&
    isData(value['machine'])
  );
}

function removeActive(fold: RunFold, node: string): ActiveNode | undefined {
  const i = fold.active.findIndex((a) => a.node === node);
  if (i < 0) return undefined;
  return fold.active.splice(i, 1)[0];
}

export function findActive(fold: RunFold, node: string): ActiveNode | undefined {
  return fold.active.find((a) => a.node === node);
}

/** An event the routing machine does not agree with: the history is not one this workflow produces. */
export interface Disagreement {
  seq: number;
  node: string | undefined;
  message: string;
}

/**
 * Applies one history event to the fold, in place. Node outcomes (`node.completed`, a final
 * `node.failed`), timeouts (`timer.fired`) and the run-level cancel/fail are fed to the
 * workflow's routing machine, which decides what is entered next (`pending`) and how a timed
 * out node ends (`timedOut`); every other event only records what
 * happened. It never runs a task, so replaying a log rebuilds every state exactly. Returns
 * how the event disagrees with the machine, if it does (the replay check reports it).
 */
export function applyEvent(fold: RunFold, event: HistoryEvent, graph: WorkflowGraph): Disagreement | undefined {
  const data: Data = event.data ?? {};
  fold.seq = event.seq;
  const node = event.node;
  switch (event.type) {
    case 'run.started': {
      const restored = data['restore'];
      if (isRunFold(restored)) {
        // A fork: the run begins from a copy of another run's state.
        const base = structuredClone(restored);
        Object.assign(fold, base, { runId: fold.runId, seq: event.seq, startedAt: event.at, status: 'running' });
        applyForkChanges(fold, forkChangesOf(data), graph);
        delete fold.output;
        delete fold.error;
        return undefined;
      }
      fold.input = data['input'] ?? null;
      fold.workflowId = str(data, 'workflowId') ?? '';
      fold.version = num(data, 'version') ?? 0;
      fold.maxSteps = num(data, 'maxSteps') ?? DEFAULT_MAX_STEPS;
      fold.depth = num(data, 'depth') ?? 0;
      if ('item' in data) fold.item = data['item'];
      const index = num(data, 'index');
      if (index !== undefined) fold.index = index;
      fold.startedAt = event.at;
      fold.status = 'running';
      // A document that no longer compiles still shows what its events recorded.
      const machine = tryRouteMachineOf(graph);
      if (machine instanceof RouteMachine) applyStep(fold, machine.initial(), graph, undefined);
      return undefined;
    }
    case 'node.entered':
      return node ? enter(fold, event, node, data, graph) : undefined;
    case 'node.completed': {
      if (!node) return undefined;
      const entry = removeActive(fold, node);
      fold.steps[node] = { output: data['output'] ?? null, attempts: entry?.attempt ?? 1 };
      const vars = data['vars'];
      if (isData(vars)) Object.assign(fold.vars, vars);
      if (fold.compensation && entry?.compensates) fold.compensation.done += 1;
      const kind = graph.hasNode(node) ? graph.node(node).kind : undefined;
      if (kind === 'end') fold.endOutput = data['output'] ?? null;
      const message = data['output'];
      const failure =
        kind === 'fail'
          ? { code: 'WORKFLOW_FAILED', message: typeof message === 'string' ? message : JSON.stringify(message ?? '') }
          : undefined;
      const branches = data['branches'];
      const output = {
        port: str(data, 'port') ?? 'out',
        ...(Array.isArray(branches) ? { branches: branches.map(String) } : {}),
      };
      return feed(fold, event, graph, { type: doneEvent(node), output }, node, failure);
    }
    case 'node.failed': {
      if (!node) return undefined;
      const attempt = num(data, 'attempt') ?? 1;
      const error = errorOf(data['error']);
      fold.steps[node] = { error, attempts: attempt };
      if (data['willRetry'] === true) {
        const entry = findActive(fold, node);
        if (entry) entry.phase = 'retry-wait';
        return undefined;
      }
      const entry = removeActive(fold, node);
      if (fold.compensation && entry?.compensates) {
        fold.compensation.done += 1;
        fold.compensation.failed += 1;
      }
      const failure = { code: error.code, message: `node ${node}: ${error.message}` };
      return feed(fold, event, graph, { type: errorEvent(node), error }, node, failure);
    }
    case 'node.retrying': {
      const entry = node ? findActive(fold, node) : undefined;
      if (!entry) return undefined;
      entry.attempt = num(data, 'attempt') ?? entry.attempt + 1;
      entry.phase = 'retry-wait';
      const dueAt = str(data, 'dueAt');
      if (dueAt) entry.dueAt = dueAt;
      return undefined;
    }
    case 'approval.requested': {
      const entry = node ? findActive(fold, node) : undefined;
      if (!entry) return undefined;
      entry.phase = 'waiting';
      const approvers = data['approvers'];
      entry.approvers = Array.isArray(approvers) ? approvers.map(String) : [];
      entry.minApprovals = num(data, 'minApprovals') ?? 1;
      entry.title = str(data, 'title') ?? '';
      entry.approvals = [];
      return undefined;
    }
    case 'approval.decided': {
      const entry = node ? findActive(fold, node) : undefined;
      if (!entry) return undefined;
      (entry.approvals ??= []).push({
        decision: data['decision'] === 'rejected' ? 'rejected' : 'approved',
        by: str(data, 'by') ?? '',
        comment: str(data, 'comment') ?? null,
        at: event.at,
      });
      return undefined;
    }
    case 'timer.fired': {
      // A delay's timer only completes it; a timeout is the machine's `after` transition.
      if (node === undefined || data['reason'] !== 'timeout') return undefined;
      const ms = graph.hasNode(node) ? graph.node(node).timeoutMs : undefined;
      return feed(fold, event, graph, { type: afterEvent(ms ?? 0, node) }, node);
    }
    case 'signal.received':
      return undefined;
    case 'run.waiting':
      fold.status = 'waiting';
      return undefined;
    case 'run.resumed':
      fold.status = 'running';
      return undefined;
    case 'run.completed':
      fold.status = 'completed';
      fold.output = data['output'] ?? null;
      return endRun(fold);
    case 'run.failed': {
      const error = errorOf(data['error']);
      // A failure no node outcome explains is the host's (maxSteps): the machine takes RUN.FAIL.
      const problem =
        fold.pendingEnd === undefined ? feed(fold, event, graph, { type: RUN_FAIL }, undefined, error) : undefined;
      fold.status = 'failed';
      fold.error = error;
      return problem ?? endRun(fold);
    }
    case 'run.cancelled':
      if (fold.pendingEnd === undefined) feed(fold, event, graph, { type: RUN_CANCEL }, undefined);
      fold.status = 'cancelled';
      return endRun(fold);
  }
}

function endRun(fold: RunFold): undefined {
  fold.active = [];
  fold.pending = [];
  delete fold.pendingEnd;
  return undefined;
}

function enter(
  fold: RunFold,
  event: HistoryEvent,
  node: string,
  data: Data,
  graph: WorkflowGraph,
): Disagreement | undefined {
  const compensating = data['compensating'];
  if (isData(compensating)) {
    const error = errorOf(compensating['error']);
    // The host failed the run (maxSteps) and the saga begins with this node.
    if (!fold.pending.some((p) => p.node === node && p.compensates !== undefined))
      feed(fold, event, graph, { type: RUN_FAIL }, undefined, error);
    fold.compensation ??= { error, done: 0, failed: 0 };
  }
  const i = fold.pending.findIndex((p) => p.node === node);
  const pending = i >= 0 ? fold.pending.splice(i, 1)[0] : undefined;
  const problem: Disagreement | undefined = pending
    ? undefined
    : {
        seq: event.seq,
        node,
        message: `the recorded run entered node ${node}, which the workflow's machine did not enter`,
      };
  const kind = kindOf(data['kind']);
  const from = str(data, 'from');
  const existing = findActive(fold, node);
  if (kind === 'join' && existing) {
    if (from) (existing.arrivals ??= []).push(from);
    if (pending?.joinReady) existing.phase = 'ready';
    if (pending?.cancelled) existing.cancelled = pending.cancelled;
    return problem;
  }
  if (existing) removeActive(fold, node);
  const count = (fold.entries[node] ?? 0) + 1;
  fold.entries[node] = count;
  // A join entered by an arrival waits for the rest of its block; one the machine entered itself
  // (its block ended with no arrival this step: every branch skipped by its `when`) is ready.
  const joinWaits = kind === 'join' && (pending === undefined || (pending.arrival === true && !pending.joinReady));
  const waits = WAITING_KINDS.has(kind) || joinWaits;
  const entry: ActiveNode = {
    node,
    kind,
    enteredSeq: event.seq,
    enteredAt: event.at,
    entry: count,
    attempt: 1,
    phase: waits ? 'waiting' : 'ready',
  };
  const dueAt = str(data, 'dueAt');
  if (dueAt) entry.dueAt = dueAt;
  const timeoutAt = str(data, 'timeoutAt');
  if (timeoutAt) entry.timeoutAt = timeoutAt;
  const compensates = str(data, 'compensates');
  if (compensates) entry.compensates = compensates;
  if (kind === 'join') entry.arrivals = from ? [from] : [];
  if (pending?.cancelled) entry.cancelled = pending.cancelled;
  fold.active.push(entry);
  fold.stepCount += 1;
  return problem;
}

/** Feeds an outcome to the machine and records what it decided; a refused event is a disagreement. */
function feed(
  fold: RunFold,
  event: HistoryEvent,
  graph: WorkflowGraph,
  routeEvent: RouteEvent,
  from: string | undefined,
  failure?: ErrorInfo,
): Disagreement | undefined {
  const before = fold.machine;
  if (before === undefined || fold.pendingEnd !== undefined) return undefined;
  const step = routeMachineOf(graph).step(before, routeEvent);
  if (!step.moved) {
    return {
      seq: event.seq,
      node: event.node,
      message: `the workflow's machine cannot take ${event.type}${event.node ? ` of node ${event.node}` : ''} here`,
    };
  }
  applyStep(fold, step, graph, from, failure);
  return undefined;
}

function applyStep(
  fold: RunFold,
  step: RouteStep,
  graph: WorkflowGraph,
  from: string | undefined,
  failure?: ErrorInfo,
): void {
  fold.machine = step.state;
  const left = leaveAbandonedJoins(fold, step.state, graph);
  let compensationEntered = false;
  for (const action of step.actions) {
    if (action.type === 'leave') {
      if (action.node !== from) left.push(action.node);
      removeActive(fold, action.node);
      fold.pending = fold.pending.filter((p) => p.node !== action.node);
    } else if (action.type === 'arrive') {
      fold.pending.push(
        from === undefined ? { node: action.join, arrival: true } : { node: action.join, from, arrival: true },
      );
    } else if (action.type === 'timedOut') {
      const entry = findActive(fold, action.node);
      if (entry) entry.timedOut = action.fails ? 'fails' : 'port';
    } else if (action.compensation) {
      compensationEntered = true;
      fold.pending.push({ node: action.node, compensates: nextToCompensate(step.state.context) ?? '' });
    } else {
      const join = fold.pending.find((p) => p.node === action.node && p.arrival === true) ?? undefined;
      const recorded = findActive(fold, action.node);
      if (join) join.joinReady = true;
      else if (recorded?.kind === 'join') recorded.phase = 'ready';
      else fold.pending.push(from === undefined ? { node: action.node } : { node: action.node, from });
      const target = join ?? (recorded?.kind === 'join' ? recorded : undefined);
      if (target && left.length > 0) target.cancelled = [...left];
    }
  }
  if (fold.pending.some((p) => p.arrival === true))
    fold.pending = fold.pending.filter((p) => p.arrival !== true || joinLive(step.state, graph, p.node));
  if (step.end) fold.pendingEnd = step.end;
  if (failure && !fold.failure && (step.end === 'failed' || compensationEntered)) fold.failure = failure;
}

/**
 * Joins the machine left without a `leave` action. Branches that reach a join wait in their
 * block's final states (the join is recorded as entered, with its arrivals), and those have no
 * exit action: when the block is left another way — cut off by an outer join, a failing or
 * cancelled run — the join goes with it. A join is live while the machine is in its block or
 * in the join's own state.
 */
function leaveAbandonedJoins(fold: RunFold, state: MachineState, graph: WorkflowGraph): string[] {
  const left: string[] = [];
  for (const entry of [...fold.active]) {
    if (entry.kind !== 'join' || joinLive(state, graph, entry.node)) continue;
    removeActive(fold, entry.node);
    left.push(entry.node);
  }
  return left;
}

function joinLive(state: MachineState, graph: WorkflowGraph, join: string): boolean {
  const machine = routeMachineOf(graph);
  const parallel = graph.parallelOfJoin(join);
  return machine.isIn(state, join) || (parallel !== undefined && machine.isIn(state, `${parallel}/block`));
}

/** Folds a whole history (or continues `from` a checkpoint). */
export function foldEvents(
  runId: string,
  events: Iterable<HistoryEvent>,
  graph: WorkflowGraph,
  from?: RunFold,
): RunFold {
  const fold = from ? structuredClone(from) : emptyFold(runId);
  for (const e of events) applyEvent(fold, e, graph);
  return fold;
}

/** The public state of DESIGN §4: `{ seq, status, active, context }`. */
export function toRunState(fold: RunFold): RunState {
  return {
    seq: fold.seq,
    status: fold.status,
    active: fold.active.map((a) => a.node),
    context: structuredClone({ input: fold.input, vars: fold.vars, steps: fold.steps }),
  };
}
