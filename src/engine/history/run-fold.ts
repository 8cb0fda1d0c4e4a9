import { NODE_KINDS, type ErrorInfo, type HistoryEvent, type NodeKind, type RunState, type RunStatus } from '#shared';

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
  attempt: number;
  phase: ActivePhase;
  /** Delay and retry timers: when the node may go on (ISO). */
  dueAt?: string;
  /** Approval and wait timeouts (ISO). */
  timeoutAt?: string;
  /** Approval requests: who may decide and how many approvals are needed. */
  approvers?: string[];
  minApprovals?: number;
  title?: string;
  approvals?: Approval[];
  /** Joins: the last node of each branch that arrived, in arrival order. */
  arrivals?: string[];
  /** Compensation nodes: the node whose work this one undoes. */
  compensates?: string;
}

export interface StepRecord {
  output?: unknown;
  error?: ErrorInfo;
  attempts: number;
}

/**
 * Everything the engine knows about a run, derived from its history alone.
 * Plain JSON, so it can be checkpointed and compared byte for byte.
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
  active: ActiveNode[];
  /** Node executions so far (for maxSteps). */
  stepCount: number;
  maxSteps: number;
  /** Nesting depth of subflow/forEach child runs (0 for a top-level run). */
  depth: number;
  /** Inside a forEach body: the item and its index. */
  item?: unknown;
  index?: number;
  /** Completed nodes in completion order (saga compensation runs them backwards). */
  completions: string[];
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
    stepCount: 0,
    maxSteps: DEFAULT_MAX_STEPS,
    depth: 0,
    completions: [],
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
function errorOf(value: unknown): ErrorInfo {
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
  return isData(value) && typeof value['seq'] === 'number' && Array.isArray(value['active']) && isData(value['steps']);
}

function removeActive(fold: RunFold, node: string): ActiveNode | undefined {
  const i = fold.active.findIndex((a) => a.node === node);
  if (i < 0) return undefined;
  return fold.active.splice(i, 1)[0];
}

export function findActive(fold: RunFold, node: string): ActiveNode | undefined {
  return fold.active.find((a) => a.node === node);
}

/**
 * Applies one history event to the fold, in place. Pure with respect to the outside world:
 * it never runs a task, so replaying a log rebuilds every state exactly.
 */
export function applyEvent(fold: RunFold, event: HistoryEvent): void {
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
        const patch = data['vars'];
        if (isData(patch)) Object.assign(fold.vars, patch);
        delete fold.output;
        delete fold.error;
        return;
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
      return;
    }
    case 'node.entered': {
      if (!node) return;
      const kind = kindOf(data['kind']);
      const existing = findActive(fold, node);
      const from = str(data, 'from');
      if (kind === 'join' && existing) {
        if (from) (existing.arrivals ??= []).push(from);
        return;
      }
      if (existing) removeActive(fold, node);
      const compensating = data['compensating'];
      if (isData(compensating) && !fold.compensation) {
        fold.compensation = { error: errorOf(compensating['error']), done: 0, failed: 0 };
        fold.active = [];
      }
      const entry: ActiveNode = {
        node,
        kind,
        enteredSeq: event.seq,
        enteredAt: event.at,
        attempt: 1,
        phase: kind === 'approval' || kind === 'wait' || kind === 'delay' || kind === 'join' ? 'waiting' : 'ready',
      };
      const dueAt = str(data, 'dueAt');
      if (dueAt) entry.dueAt = dueAt;
      const timeoutAt = str(data, 'timeoutAt');
      if (timeoutAt) entry.timeoutAt = timeoutAt;
      const compensates = str(data, 'compensates');
      if (compensates) entry.compensates = compensates;
      if (kind === 'join') entry.arrivals = from ? [from] : [];
      fold.active.push(entry);
      fold.stepCount += 1;
      return;
    }
    case 'node.completed': {
      if (!node) return;
      const entry = removeActive(fold, node);
      fold.steps[node] = { output: data['output'] ?? null, attempts: entry?.attempt ?? 1 };
      const vars = data['vars'];
      if (isData(vars)) Object.assign(fold.vars, vars);
      const cancelled = data['cancelled'];
      if (Array.isArray(cancelled)) fold.active = fold.active.filter((a) => !cancelled.includes(a.node));
      if (fold.compensation && entry?.compensates) fold.compensation.done += 1;
      else if (!fold.compensation) fold.completions.push(node);
      return;
    }
    case 'node.failed': {
      if (!node) return;
      const attempt = num(data, 'attempt') ?? 1;
      fold.steps[node] = { error: errorOf(data['error']), attempts: attempt };
      if (data['willRetry'] === true) {
        const entry = findActive(fold, node);
        if (entry) entry.phase = 'retry-wait';
        return;
      }
      const entry = removeActive(fold, node);
      if (fold.compensation && entry?.compensates) {
        fold.compensation.done += 1;
        fold.compensation.failed += 1;
      }
      return;
    }
    case 'node.retrying': {
      const entry = node ? findActive(fold, node) : undefined;
      if (!entry) return;
      entry.attempt = num(data, 'attempt') ?? entry.attempt + 1;
      entry.phase = 'retry-wait';
      const dueAt = str(data, 'dueAt');
      if (dueAt) entry.dueAt = dueAt;
      return;
    }
    case 'approval.requested': {
      const entry = node ? findActive(fold, node) : undefined;
      if (!entry) return;
      entry.phase = 'waiting';
      const approvers = data['approvers'];
      entry.approvers = Array.isArray(approvers) ? approvers.map(String) : [];
      entry.minApprovals = num(data, 'minApprovals') ?? 1;
      entry.title = str(data, 'title') ?? '';
      entry.approvals = [];
      return;
    }
    case 'approval.decided': {
      const entry = node ? findActive(fold, node) : undefined;
      if (!entry) return;
      (entry.approvals ??= []).push({
        decision: data['decision'] === 'rejected' ? 'rejected' : 'approved',
        by: str(data, 'by') ?? '',
        comment: str(data, 'comment') ?? null,
        at: event.at,
      });
      return;
    }
    case 'signal.received':
    case 'timer.fired':
      return;
    case 'run.waiting':
      fold.status = 'waiting';
      return;
    case 'run.resumed':
      fold.status = 'running';
      return;
    case 'run.completed':
      fold.status = 'completed';
      fold.output = data['output'] ?? null;
      fold.active = [];
      return;
    case 'run.failed':
      fold.status = 'failed';
      fold.error = errorOf(data['error']);
      fold.active = [];
      return;
    case 'run.cancelled':
      fold.status = 'cancelled';
      fold.active = [];
      return;
  }
}

/** Folds a whole history (or continues `from` a checkpoint). */
export function foldEvents(runId: string, events: Iterable<HistoryEvent>, from?: RunFold): RunFold {
  const fold = from ? structuredClone(from) : emptyFold(runId);
  for (const e of events) applyEvent(fold, e);
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
