import {
  SwitchyardError,
  toErrorInfo,
  type ErrorInfo,
  type HistoryEvent,
  type HistoryEventType,
  type RunRecord,
  type RunStatus,
  type Workflow,
  type WaitingOn,
  type WorkflowNode,
} from '#shared';
import { evaluateExpression, renderTemplate, seededRandom, type ExprEnv, type ExprScope } from '../expr/index.js';
import { applyEvent, findActive, type ActiveNode, type RunFold } from '../history/run-fold.js';
import { CHECKPOINT_EVERY } from '../history/state-at.js';
import { PURE_KINDS, TASK_KINDS } from '../model/node-ports.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import { execute, isExecutable } from '../nodes/executors.js';
import type { ChildRuns, ExecContext, ExecResult } from '../nodes/node-executor.js';
import type { EnginePorts, RunUpdate } from '../ports.js';
import { applyInput, type ExternalInput } from './external-input.js';
import { maxAttempts, retryDelayMs } from './retry-policy.js';
import { waitingOnOf } from './waiting-on.js';

/** What `run`, `approve`, `signal`, `cancel` and `resume` report (DESIGN §5). */
export interface RunOutcome {
  runId: string;
  status: RunStatus;
  output: unknown;
  error: ErrorInfo | null;
  waitingOn: WaitingOn[];
}

export interface DriverOptions {
  /** Timers due within this many ms are waited for in-process; later ones leave the run waiting. */
  maxInlineWaitMs: number;
  /** Called after each commit (live event streams). */
  onEvents?: (runId: string, events: readonly HistoryEvent[]) => void;
}

/** How a node finished: its output, the port it leaves by, and what it changed. */
export interface Completion {
  output: unknown;
  port?: string;
  vars?: Record<string, unknown>;
  /** Parallel nodes: the branches started. */
  branches?: string[];
  /** Joins: the nodes of branches cut off (mode first/count). */
  cancelled?: string[];
}

interface TaskResult {
  node: string;
  enteredSeq: number;
  attempt: number;
  result?: ExecResult;
  error?: ErrorInfo;
}

interface Inflight {
  promise: Promise<TaskResult>;
  /** Absent for kinds that never read their signal. */
  abort?: AbortController;
}

/**
 * Kinds whose executors finish without I/O and never read `ctx.signal` (the registry's `pure`
 * kinds). They share one signal that never aborts: a controller and its signal cost
 * microseconds each, on every step of every run.
 */
const SIGNAL_FREE: ReadonlySet<string> = PURE_KINDS;
const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/**
 * Kinds that only compute in memory: while every active node is one of these, the run may
 * go on before its latest events are committed (they are committed together before anything
 * acts outside the run, as a workflow task does in Temporal). A crash loses only steps that
 * run again, the same way, on resume.
 */
const RUNS_AHEAD: ReadonlySet<string> = PURE_KINDS;
/** How far (in events) a run may go ahead of the store: bounds memory and keeps live views moving. */
const MAX_UNRECORDED = 256;

const TERMINAL: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);

let lastMillis = NaN;
let lastIso = '';

/** Events of all runs come in bursts within one millisecond: each millisecond is formatted once. */
function isoTime(millis: number): string {
  if (millis !== lastMillis) {
    lastMillis = millis;
    lastIso = new Date(millis).toISOString();
  }
  return lastIso;
}

/** Whether `data` holds only strings, booleans, null and finite numbers: a JSON round trip would not change it. */
function isFlatJson(data: Record<string, unknown>): boolean {
  for (const key in data) {
    const value = data[key];
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) continue;
    return false;
  }
  return true;
}

function prefixError(err: unknown, prefix: string): SwitchyardError {
  const info = toErrorInfo(err, 'EXPRESSION_FAILED');
  return new SwitchyardError(
    err instanceof SwitchyardError ? err.code : 'EXPRESSION_FAILED',
    `${prefix}: ${info.message}`,
  );
}

/**
 * Drives one run: executes active nodes, records every outcome as history events (each
 * batch committed to the store before anything acts on it) and routes along the graph.
 * All routing decisions are written to the log, so the fold alone rebuilds any state.
 */
export class RunDriver {
  private pending: HistoryEvent[] = [];
  private creating: { record: RunRecord; workflow: Workflow } | undefined;
  /** Group commit: batches recorded but not yet known durable, announced (onEvents) once they are. */
  private unannounced: HistoryEvent[][] = [];
  /** The store shares commits among concurrent runs: a recorded batch is durable only after `flush()`. */
  private readonly groupCommit: boolean;
  private readonly inflight = new Map<string, Inflight>();
  /** Nodes whose child runs wait; they are not re-executed by this process. */
  private readonly blocked = new Map<string, Omit<WaitingOn, 'node'>>();

  constructor(
    private readonly ports: EnginePorts,
    readonly graph: WorkflowGraph,
    readonly fold: RunFold,
    private readonly children: ChildRuns,
    private readonly options: DriverOptions,
  ) {
    this.groupCommit = ports.store.flush !== undefined;
  }

  get runId(): string {
    return this.fold.runId;
  }

  get ended(): boolean {
    return TERMINAL.has(this.fold.status);
  }

  /** The next recorded batch creates the run: its row and first events are one transaction. */
  createsRun(record: RunRecord, workflow: Workflow): void {
    this.creating = { record, workflow };
  }

  /** Records `run.started` and enters the start node. */
  begin(data: Record<string, unknown>): void {
    const start = this.graph.startId;
    if (!start) throw new SwitchyardError('INVALID_WORKFLOW', 'the workflow has no start node');
    this.emit('run.started', undefined, data);
    this.emit('node.entered', start, { kind: 'start' });
  }

  /** Applies an approval, signal or cancel; refuses (recording nothing) when it does not fit. */
  async deliver(input: ExternalInput): Promise<void> {
    await applyInput(this, input);
    this.record();
    if (this.groupCommit) await this.durable();
  }

  /** Runs until the run ends or nothing more can happen in this process. */
  async drive(): Promise<RunOutcome> {
    try {
      while (!this.ended) {
        if (this.hasTimers()) await this.fireDueTimers();
        await this.settle();
        if (this.ended) break;
        // Nothing is acted on outside the run (a task with effects started, a timer awaited) before its events are durable.
        if (!this.mayRunAhead()) await this.persist();
        this.schedule();
        const nextDue = this.msUntilNextTimer();
        if (this.inflight.size === 0 && (nextDue === undefined || nextDue > this.options.maxInlineWaitMs)) {
          if (this.fold.status !== 'waiting') this.emit('run.waiting', undefined, { waitingOn: this.waitingOn() });
          break;
        }
        const result = await this.next(nextDue);
        if (result) await this.handleResult(result);
      }
      // A caller is answered only with what is durable.
      await this.persist();
    } finally {
      this.abortAll();
    }
    return this.outcome();
  }

  outcome(): RunOutcome {
    const { runId, status, output, error } = this.fold;
    return {
      runId,
      status,
      output: output ?? null,
      error: error ?? null,
      waitingOn: status === 'waiting' ? this.waitingOn() : [],
    };
  }

  waitingOn(): WaitingOn[] {
    return waitingOnOf(this.fold, this.blocked);
  }

  // ---- recording

  /** Appends an event to the open batch and applies it to the fold; `commit` makes it durable. */
  emit(type: HistoryEventType, node?: string, data?: Record<string, unknown>): void {
    if (
      this.fold.status === 'waiting' &&
      type !== 'run.waiting' &&
      type !== 'run.resumed' &&
      type !== 'run.cancelled'
    ) {
      this.emit('run.resumed', undefined, { reason: type });
    }
    const event: HistoryEvent = { seq: this.fold.seq + 1, at: this.isoNow(), type };
    if (node !== undefined) event.node = node;
    // A JSON round trip makes the in-memory event identical to the stored one (flat JSON already is).
    if (data !== undefined)
      event.data = isFlatJson(data) ? data : (JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
    applyEvent(this.fold, event);
    this.pending.push(event);
  }

  /** Makes the open batch durable before returning (with group commit too), and announces it. */
  commit(): void {
    this.record();
    if (this.groupCommit) {
      this.ports.store.flushNow?.();
      this.announce();
    }
  }

  /**
   * Appends the open batch to the store. A sync store makes it durable at once, and it is
   * announced here; with group commit it is durable (and announced) after `durable()`.
   */
  private record(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const firstSeq = events[0]?.seq ?? this.fold.seq;
    const update = this.runUpdate(events);
    const creating = this.creating;
    this.creating = undefined;
    if (creating) this.ports.store.createRun({ ...creating.record, ...update }, creating.workflow, events);
    else this.ports.store.append(this.runId, events, update);
    // A snapshot every CHECKPOINT_EVERY events keeps state-at-seq fast on long runs.
    if (Math.floor((firstSeq - 1) / CHECKPOINT_EVERY) < Math.floor(this.fold.seq / CHECKPOINT_EVERY)) {
      this.ports.store.putCheckpoint?.(this.runId, this.fold.seq, this.fold);
    }
    if (this.groupCommit) this.unannounced.push(events);
    else this.options.onEvents?.(this.runId, events);
  }

  /** Records the open batch and waits until it is durable. */
  private async persist(): Promise<void> {
    this.record();
    if (this.groupCommit) await this.durable();
  }

  private mayRunAhead(): boolean {
    if (this.pending.length >= MAX_UNRECORDED) return false;
    return this.fold.active.every(
      (entry) => RUNS_AHEAD.has(entry.kind) && (entry.phase === 'ready' || entry.kind === 'join'),
    );
  }

  /** The run row after `events`: status, and output, error and end time once known. */
  private runUpdate(events: readonly HistoryEvent[]): RunUpdate & { status: RunStatus } {
    const { status, output, error } = this.fold;
    return {
      status,
      ...(status === 'completed' ? { output: output ?? null } : {}),
      ...(error ? { error } : {}),
      ...(TERMINAL.has(status) ? { endedAt: events[events.length - 1]?.at ?? this.isoNow() } : {}),
    };
  }

  /** Group commit: waits until everything recorded is committed, then announces it. */
  private async durable(): Promise<void> {
    const flushed = this.ports.store.flush?.();
    if (flushed) await flushed;
    this.announce();
  }

  private announce(): void {
    const batches = this.unannounced;
    this.unannounced = [];
    for (const events of batches) this.options.onEvents?.(this.runId, events);
  }

  isoNow(): string {
    return isoTime(this.ports.clock.now());
  }

  // ---- outcomes of nodes

  /** Records a node's success and follows the port it left by. */
  async complete(entry: ActiveNode, result: Completion): Promise<void> {
    const data: Record<string, unknown> = { output: result.output ?? null };
    if (result.cancelled !== undefined) data['cancelled'] = result.cancelled;
    if (result.port !== undefined) data['port'] = result.port;
    if (result.vars !== undefined) data['vars'] = result.vars;
    if (result.branches !== undefined) data['branches'] = result.branches;
    this.emit('node.completed', entry.node, data);
    if (entry.compensates) return this.nextCompensation();
    const node = this.graph.node(entry.node);
    switch (node.kind) {
      case 'end':
        this.emit('run.completed', undefined, { output: result.output ?? null });
        this.abortAll();
        return;
      case 'fail':
        return this.failRun({ code: 'WORKFLOW_FAILED', message: String(result.output) });
      case 'parallel': {
        const branches = result.branches ?? [];
        const join = this.graph.blockOfParallel(node.id)?.join;
        if (branches.length === 0 && join) return this.enter(join, node.id);
        for (const target of branches) await this.enter(target, node.id);
        return;
      }
      default:
        for (const edge of this.graph.outgoing(node.id, result.port ?? 'out')) await this.enter(edge.to, node.id);
    }
  }

  /**
   * A fork may start between the events of one committed batch: after a node's outcome but
   * before (all of) its successors were entered. This finishes that routing in the new run.
   */
  async finishRouting(outcome: HistoryEvent, alreadyEntered: readonly string[]): Promise<void> {
    const { node: id, data = {} } = outcome;
    if (!id || !this.graph.hasNode(id) || this.ended) return;
    const node = this.graph.node(id);
    const pending = (targets: string[]) => targets.filter((t) => !alreadyEntered.includes(t));
    if (typeof data['compensates'] === 'string' || this.fold.compensation) return this.nextCompensation();
    if (outcome.type === 'node.failed') {
      const errorEdges = TASK_KINDS.has(node.kind) ? this.graph.outgoing(id, 'error') : [];
      if (errorEdges.length === 0)
        return this.failRun(this.fold.steps[id]?.error ?? { code: 'TASK_FAILED', message: `node ${id} failed` });
      for (const target of pending(errorEdges.map((e) => e.to))) await this.enter(target, id);
      return;
    }
    if (node.kind === 'end') return this.emit('run.completed', undefined, { output: data['output'] ?? null });
    if (node.kind === 'fail') return this.failRun({ code: 'WORKFLOW_FAILED', message: String(data['output']) });
    const branches = data['branches'];
    const port = typeof data['port'] === 'string' ? data['port'] : 'out';
    const targets = Array.isArray(branches) ? branches.map(String) : this.graph.outgoing(id, port).map((e) => e.to);
    for (const target of pending(targets)) await this.enter(target, id);
  }

  /** A failure after the last attempt: follow the `error` port, or fail the run. */
  async failNode(entry: ActiveNode, error: ErrorInfo): Promise<void> {
    this.emit('node.failed', entry.node, { error, attempt: entry.attempt, willRetry: false });
    if (entry.compensates) return this.nextCompensation();
    const node = this.graph.node(entry.node);
    const errorEdges = TASK_KINDS.has(node.kind) ? this.graph.outgoing(node.id, 'error') : [];
    if (errorEdges.length === 0)
      return this.failRun({ code: error.code, message: `node ${node.id}: ${error.message}` });
    for (const edge of errorEdges) await this.enter(edge.to, node.id);
  }

  private async onFailure(entry: ActiveNode, error: ErrorInfo): Promise<void> {
    const node = this.graph.node(entry.node);
    if (TASK_KINDS.has(node.kind) && entry.attempt < maxAttempts(node.retry)) {
      const delayMs = retryDelayMs(node.retry, entry.attempt);
      this.emit('node.failed', node.id, { error, attempt: entry.attempt, willRetry: true });
      const dueAt = new Date(this.ports.clock.now() + delayMs).toISOString();
      this.emit('node.retrying', node.id, { attempt: entry.attempt + 1, delayMs, dueAt });
      return;
    }
    await this.failNode(entry, error);
  }

  private async enter(targetId: string, from: string): Promise<void> {
    if (this.ended || this.fold.compensation) return;
    if (this.fold.stepCount >= this.fold.maxSteps) {
      return this.failRun({
        code: 'MAX_STEPS',
        message: `run stopped after ${this.fold.maxSteps} node executions (maxSteps) before entering node ${targetId}; does a loop never end?`,
      });
    }
    const target = this.graph.node(targetId);
    const data: Record<string, unknown> = { kind: target.kind, from };
    const now = this.ports.clock.now();
    if ((target.kind === 'approval' || target.kind === 'wait') && target.timeoutMs !== undefined) {
      data['timeoutAt'] = new Date(now + target.timeoutMs).toISOString();
    }
    if (target.kind === 'delay') {
      try {
        data['dueAt'] = await this.delayDueAt(target, now);
      } catch (err) {
        this.emit('node.entered', targetId, data);
        return this.failNode(this.activeEntry(targetId), toErrorInfo(err));
      }
    }
    this.emit('node.entered', targetId, data);
    if (target.kind === 'approval') await this.requestApproval(target);
    if (target.kind === 'join') await this.settle();
  }

  private async delayDueAt(node: Extract<WorkflowNode, { kind: 'delay' }>, now: number): Promise<string> {
    const { ms, until } = node.config;
    const scope = this.scope(1);
    const env = this.env(node.id, this.fold.seq, 1);
    if (until !== undefined) {
      const value = await this.evaluate('config.until', until, scope, env);
      const time = typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN;
      if (Number.isNaN(time))
        throw new SwitchyardError(
          'EXPRESSION_FAILED',
          `config.until: expected an ISO time, got ${JSON.stringify(value)}`,
        );
      return new Date(time).toISOString();
    }
    const value = typeof ms === 'number' ? ms : await this.evaluate('config.ms', ms ?? '0', scope, env);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new SwitchyardError(
        'EXPRESSION_FAILED',
        `config.ms: expected a non-negative number of milliseconds, got ${JSON.stringify(value)}`,
      );
    }
    return new Date(now + value).toISOString();
  }

  private async requestApproval(node: Extract<WorkflowNode, { kind: 'approval' }>): Promise<void> {
    const entry = this.activeEntry(node.id);
    const scope = this.scope(1);
    const env = this.env(node.id, entry.enteredSeq, 1);
    try {
      const { config } = node;
      const title = await this.render('config.title', config.title, scope, env);
      const description =
        config.description === undefined
          ? undefined
          : await this.render('config.description', config.description, scope, env);
      this.emit('approval.requested', node.id, {
        title,
        ...(description === undefined ? {} : { description }),
        approvers: config.approvers ?? [],
        minApprovals: config.minApprovals ?? 1,
      });
    } catch (err) {
      await this.failNode(entry, toErrorInfo(err));
    }
  }

  // ---- run-level endings

  async failRun(error: ErrorInfo): Promise<void> {
    if (this.ended || this.fold.compensation) return;
    this.abortAll();
    const plan = this.compensationPlan();
    const first = plan[0];
    if (!first) {
      this.emit('run.failed', undefined, { error, compensated: false });
      return;
    }
    this.emit('node.entered', first.compensation, {
      kind: this.graph.node(first.compensation).kind,
      compensates: first.node,
      compensating: { error },
    });
  }

  private async nextCompensation(): Promise<void> {
    const state = this.fold.compensation;
    if (!state) return;
    const next = this.compensationPlan()[state.done];
    if (next) {
      this.emit('node.entered', next.compensation, {
        kind: this.graph.node(next.compensation).kind,
        compensates: next.node,
      });
      return;
    }
    this.emit('run.failed', undefined, { error: state.error, compensated: state.failed === 0 });
  }

  /** Compensations of completed nodes, last completed first (saga). */
  private compensationPlan(): { node: string; compensation: string }[] {
    const plan: { node: string; compensation: string }[] = [];
    for (const node of [...this.fold.completions].reverse()) {
      const compensation = this.graph.hasNode(node) ? this.graph.node(node).compensation : undefined;
      if (compensation) plan.push({ node, compensation });
    }
    return plan;
  }

  cancel(reason: string): void {
    this.abortAll();
    this.emit('run.cancelled', undefined, { reason });
  }

  // ---- joins, timers and idle runs

  /** Completes every join whose branches are done; completes a run with nothing left to do. */
  private async settle(): Promise<void> {
    if (this.fold.active.some((entry) => entry.kind === 'join')) await this.settleJoins();
    if (!this.ended && this.fold.active.length === 0 && this.inflight.size === 0 && !this.fold.compensation) {
      this.emit('run.completed', undefined, { output: null });
    }
  }

  private async settleJoins(): Promise<void> {
    for (let changed = true; changed && !this.ended;) {
      changed = false;
      for (const entry of this.fold.active) {
        if (entry.kind !== 'join') continue;
        const verdict = this.joinVerdict(entry);
        if (verdict === 'wait') continue;
        changed = true;
        if (verdict instanceof SwitchyardError) {
          await this.failNode(entry, verdict.toInfo());
        } else {
          await this.completeJoin(entry, verdict.cancel);
        }
        break;
      }
    }
  }

  private joinVerdict(entry: ActiveNode): 'wait' | SwitchyardError | { cancel: string[] } {
    const node = this.graph.node(entry.node);
    if (node.kind !== 'join') return 'wait';
    const parallel = this.graph.parallelOfJoin(node.id);
    const members = (parallel && this.graph.blockOfParallel(parallel)?.members) || new Set<string>();
    const stillActive = this.fold.active.filter((a) => members.has(a.node)).map((a) => a.node);
    const arrived = (entry.arrivals ?? []).filter((a) => a !== parallel).length;
    const mode = node.config?.mode ?? 'all';
    const needed = mode === 'first' ? 1 : mode === 'count' ? (node.config?.count ?? 1) : Infinity;
    if (arrived >= needed) return { cancel: stillActive };
    if (stillActive.length > 0) return 'wait';
    if (mode === 'all') return { cancel: [] };
    return new SwitchyardError('TASK_FAILED', `join needed ${needed} branch(es) but only ${arrived} finished`);
  }

  private async completeJoin(entry: ActiveNode, cancel: string[]): Promise<void> {
    const parallel = this.graph.parallelOfJoin(entry.node);
    const output: Record<string, unknown> = {};
    for (const from of entry.arrivals ?? []) {
      if (from !== parallel) output[from] = this.fold.steps[from]?.output ?? null;
    }
    for (const node of cancel) this.abortNode(node);
    await this.complete(entry, cancel.length > 0 ? { output, cancelled: cancel } : { output });
  }

  private hasTimers(): boolean {
    return this.fold.active.some((entry) => entry.dueAt !== undefined || entry.timeoutAt !== undefined);
  }

  private async fireDueTimers(): Promise<void> {
    const now = this.ports.clock.now();
    for (const entry of [...this.fold.active]) {
      if (this.ended) return;
      if (findActive(this.fold, entry.node) !== entry) continue;
      if (entry.kind === 'delay' && entry.dueAt && Date.parse(entry.dueAt) <= now) {
        this.emit('timer.fired', entry.node, { reason: 'delay', dueAt: entry.dueAt });
        await this.complete(entry, { output: null });
      } else if (
        (entry.kind === 'approval' || entry.kind === 'wait') &&
        entry.timeoutAt &&
        Date.parse(entry.timeoutAt) <= now
      ) {
        this.emit('timer.fired', entry.node, { reason: 'timeout', dueAt: entry.timeoutAt });
        const node = this.graph.node(entry.node);
        const ms = node.timeoutMs ?? 0;
        if (this.graph.outgoing(entry.node, 'timeout').length === 0) {
          await this.failNode(entry, {
            code: 'TIMEOUT',
            message: `${entry.kind} timed out after ${ms} ms and has no "timeout" edge`,
          });
        } else {
          const output =
            entry.kind === 'approval' ? { decision: 'timeout', by: null, comment: null, at: this.isoNow() } : null;
          await this.complete(entry, { output, port: 'timeout' });
        }
      }
    }
  }

  private msUntilNextTimer(): number | undefined {
    let next: number | undefined;
    for (const entry of this.fold.active) {
      const due =
        entry.kind === 'delay' || entry.phase === 'retry-wait'
          ? entry.dueAt
          : entry.kind === 'approval' || entry.kind === 'wait'
            ? entry.timeoutAt
            : undefined;
      if (due === undefined || this.inflight.has(entry.node)) continue;
      const t = Date.parse(due);
      next = next === undefined ? t : Math.min(next, t);
    }
    return next === undefined ? undefined : Math.max(0, next - this.ports.clock.now());
  }

  // ---- executing tasks

  private schedule(): void {
    const now = this.ports.clock.now();
    for (const entry of this.fold.active) {
      if (this.inflight.has(entry.node) || this.blocked.has(entry.node)) continue;
      const due =
        entry.phase === 'ready' || (entry.phase === 'retry-wait' && (!entry.dueAt || Date.parse(entry.dueAt) <= now));
      if (!due) continue;
      const node = this.graph.node(entry.node);
      if (isExecutable(node.kind)) this.start(entry, node);
    }
  }

  private start(entry: ActiveNode, node: WorkflowNode): void {
    const abort = SIGNAL_FREE.has(node.kind) ? undefined : new AbortController();
    const { enteredSeq, attempt } = entry;
    const scope = this.scope(attempt);
    const env = this.env(node.id, enteredSeq, attempt);
    const ctx: ExecContext = {
      node,
      runId: this.runId,
      enteredSeq,
      attempt,
      scope,
      env,
      signal: abort?.signal ?? NEVER_ABORTED,
      ports: this.ports,
      idempotencyKey: `${this.runId}:${node.id}:${attempt}`,
      children: this.children,
      outgoing: this.graph.outgoing(node.id),
      evaluate: (field, source) => this.evaluate(field, source, scope, env),
      render: (field, template) => this.render(field, template, scope, env),
    };
    const work = this.withTimeout(execute(ctx) ?? Promise.resolve({ output: null }), node, abort);
    const promise = work.then(
      (result): TaskResult => ({ node: node.id, enteredSeq, attempt, result }),
      (err: unknown): TaskResult => ({ node: node.id, enteredSeq, attempt, error: toErrorInfo(err, 'TASK_FAILED') }),
    );
    this.inflight.set(node.id, { promise, abort });
  }

  private withTimeout(
    work: Promise<ExecResult>,
    node: WorkflowNode,
    abort: AbortController | undefined,
  ): Promise<ExecResult> {
    const ms = node.timeoutMs;
    if (ms === undefined || !TASK_KINDS.has(node.kind)) return work;
    const timer = new AbortController();
    const timeout = this.ports.clock.sleep(ms, timer.signal).then((): Promise<never> => {
      // The task finished first: this race is over, so never settle (and never abort the task).
      if (timer.signal.aborted) return new Promise<never>(() => undefined);
      abort?.abort();
      throw new SwitchyardError('TIMEOUT', `timed out after ${ms} ms`);
    });
    return Promise.race([work, timer.signal.aborted ? work : timeout]).finally(() => timer.abort());
  }

  private async next(nextDueMs: number | undefined): Promise<TaskResult | undefined> {
    const [only] = this.inflight.values();
    if (nextDueMs === undefined && only !== undefined && this.inflight.size === 1) {
      const result = await only.promise;
      this.inflight.delete(result.node);
      return result;
    }
    const waits: Promise<TaskResult | undefined>[] = [...this.inflight.values()].map((f) => f.promise);
    // Only a timer needs a controller: aborting one builds a DOMException, far from free on every step.
    const timer = nextDueMs === undefined ? undefined : new AbortController();
    if (timer && nextDueMs !== undefined)
      waits.push(this.ports.clock.sleep(nextDueMs, timer.signal).then(() => undefined));
    try {
      const result = await Promise.race(waits);
      if (result) this.inflight.delete(result.node);
      return result;
    } finally {
      timer?.abort();
    }
  }

  private async handleResult(res: TaskResult): Promise<void> {
    const entry = findActive(this.fold, res.node);
    // A result for an execution the run no longer waits for (cancelled branch, ended run) is dropped.
    if (!entry || entry.enteredSeq !== res.enteredSeq || entry.attempt !== res.attempt || this.ended) return;
    if (res.error) return this.onFailure(entry, res.error);
    const result = res.result;
    if (!result) return;
    if ('waitingOn' in result) {
      this.blocked.set(entry.node, result.waitingOn);
      return;
    }
    this.blocked.delete(entry.node);
    await this.complete(entry, result);
  }

  private abortNode(node: string): void {
    this.inflight.get(node)?.abort?.abort();
    this.inflight.delete(node);
    this.blocked.delete(node);
  }

  private abortAll(): void {
    for (const node of [...this.inflight.keys()]) this.abortNode(node);
  }

  activeEntry(node: string): ActiveNode {
    const entry = findActive(this.fold, node);
    if (!entry) throw new SwitchyardError('NODE_NOT_WAITING', `node ${node} is not active in run ${this.runId}`);
    return entry;
  }

  // ---- expressions

  scope(attempt: number): ExprScope {
    const f = this.fold;
    return {
      input: f.input,
      vars: f.vars,
      steps: f.steps,
      item: f.item,
      index: f.index,
      attempt,
      run: { id: f.runId, workflowId: f.workflowId, version: f.version, startedAt: f.startedAt },
    };
  }

  /** `$random()` is seeded from the log position, so a replay sees the same numbers. */
  env(node: string, seq: number, attempt: number): ExprEnv {
    let random: (() => number) | undefined;
    return {
      now: () => this.ports.clock.now(),
      // Seeded on first use: most steps never call $random().
      random: () => (random ??= seededRandom(`${this.runId}:${node}:${seq}:${attempt}`))(),
    };
  }

  private async evaluate(field: string, source: string, scope: ExprScope, env: ExprEnv): Promise<unknown> {
    try {
      return await evaluateExpression(source, scope, env);
    } catch (err) {
      throw prefixError(err, field);
    }
  }

  private async render(field: string, template: string, scope: ExprScope, env: ExprEnv): Promise<string> {
    try {
      return await renderTemplate(template, scope, env);
    } catch (err) {
      throw prefixError(err, field);
    }
  }
}
