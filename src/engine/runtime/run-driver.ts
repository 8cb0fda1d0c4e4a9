import {
  SwitchyardError,
  TERMINAL_STATUSES,
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
import {
  evaluateExpression,
  renderTemplate,
  secretScope,
  seededRandom,
  type ExprEnv,
  type ExprScope,
  type SecretLookup,
} from '../expr/index.js';
import { redactorOf, type Redact } from './secret-redaction.js';
import {
  applyEvent,
  findActive,
  foldEvents,
  type ActiveNode,
  type PendingEntry,
  type RunFold,
} from '../history/run-fold.js';
import { RUN_FAIL } from '../compile/compile-scope.js';
import { nextToCompensate, routeMachineOf } from '../machine/route-machine.js';
import { CHECKPOINT_EVERY } from '../history/state-at.js';
import { PURE_KINDS, TASK_KINDS } from '../model/node-ports.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import { execute, isExecutable, loadExecutors } from '../nodes/executors.js';
import type { ChildRuns, ExecContext, ExecResult } from '../nodes/node-executor.js';
import type { EnginePorts, RunUpdate } from '../ports.js';
import { applyInput, type ExternalInput } from './external-input.js';
import { maxAttempts, retryDelayMs } from './retry-policy.js';
import { waitingOnOf } from './waiting-on.js';
import { earliestTimer, wakeAtOf } from './wake-at.js';

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
  /** The lease holder the appends are made for (the store refuses them once another owner holds the run). */
  owner?: string;
  /** How long the lease lasts that a run this driver creates starts with (with `owner`). */
  leaseMs?: number;
  /**
   * Once aborted the driver stops driving: no new task starts, the outcome says where the run
   * stands (usually `running`), and the store keeps the run as after a process stop.
   */
  signal?: AbortSignal;
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

/**
 * Kinds whose outcome is a routing decision on the context (the replay check evaluates them
 * again). They decide on the context as of their entry: a sibling branch that completes before
 * they run — or while an expression is evaluated — does not change the port they take, so the
 * recorded port is a function of the log before their `node.entered`.
 */
const ROUTING_KINDS: ReadonlySet<string> = new Set(['condition', 'switch']);

interface EntryContext {
  seq: number;
  vars: Record<string, unknown>;
  steps: ExprScope['steps'];
}

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

/** Settles (with nothing) once `signal` aborts. */
function abortedOf(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
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
  private creating: { record: RunRecord; workflow: Workflow; leased: boolean } | undefined;
  /** The append that ended the run also ended this driver's lease (the store released it). */
  private leaseEnded = false;
  /** Group commit: batches recorded but not yet known durable, announced (onEvents) once they are. */
  private unannounced: HistoryEvent[][] = [];
  /** The store shares commits among concurrent runs: a recorded batch is durable only after `flush()`. */
  private readonly groupCommit: boolean;
  /** Made once: every append passes the same owner. */
  private readonly appendOptions: { owner: string } | undefined;
  private readonly redact: Redact | undefined;
  private readonly secretLookup: SecretLookup | undefined;
  /** `secret.NAME` in expressions, when the host has secrets. */
  private readonly secretView: Readonly<Record<string, string>> | undefined;
  private readonly inflight = new Map<string, Inflight>();
  /** Conditions and switches entered: the context as of their entry, which they decide on. */
  private readonly entryContext = new Map<string, EntryContext>();
  /** Nodes whose child runs wait; they are not re-executed by this process. */
  private readonly blocked = new Map<string, Omit<WaitingOn, 'node'>>();
  /** Settles once `options.signal` aborts: what waits for tasks waits for it too. */
  private readonly stopWait: Promise<undefined> | undefined;

  constructor(
    private readonly ports: EnginePorts,
    readonly graph: WorkflowGraph,
    readonly fold: RunFold,
    private readonly children: ChildRuns,
    private readonly options: DriverOptions,
  ) {
    this.groupCommit = ports.store.flush !== undefined;
    this.appendOptions = options.owner === undefined ? undefined : { owner: options.owner };
    this.stopWait = options.signal === undefined ? undefined : abortedOf(options.signal);
    const secrets = ports.secrets;
    if (secrets !== undefined) {
      this.redact = redactorOf(secrets.values());
      this.secretLookup = (name) => {
        const value = secrets.get(name);
        if (value === undefined)
          throw new SwitchyardError('SECRET_MISSING', `secret ${name} is not set (${secrets.howToSet(name)})`);
        return value;
      };
      this.secretView = secretScope(this.secretLookup);
    }
  }

  get runId(): string {
    return this.fold.runId;
  }

  get ended(): boolean {
    return TERMINAL_STATUSES.has(this.fold.status);
  }

  /**
   * The next recorded batch creates the run: its row and first events are one transaction.
   * `leased`: the run is created leased to this driver's owner (no separate claim).
   */
  createsRun(record: RunRecord, workflow: Workflow, leased = false): void {
    const stored = this.redact === undefined ? record : { ...record, input: this.redact(record.input) };
    this.creating = { record: stored, workflow, leased };
  }

  /** Whether the store ended this driver's lease with the append that ended the run. */
  get releasedLease(): boolean {
    return this.leaseEnded;
  }

  /** Records `run.started` and what the machine enters first (the start node). */
  async begin(data: Record<string, unknown>): Promise<void> {
    this.emit('run.started', undefined, data);
    await this.route();
  }

  /** Applies an approval, signal or cancel; refuses (recording nothing) when it does not fit. */
  async deliver(input: ExternalInput): Promise<void> {
    await applyInput(this, input);
    await this.record();
    if (this.groupCommit) await this.durable();
  }

  /** Runs until the run ends or nothing more can happen in this process. */
  async drive(): Promise<RunOutcome> {
    await loadExecutors();
    try {
      while (!this.ended && !this.stopped) {
        if (this.hasTimers()) await this.fireDueTimers();
        if (this.ended) break;
        // Nothing is acted on outside the run (a task with effects started, a timer awaited) before its events are durable.
        if (!this.mayRunAhead()) await this.persist();
        // A host that saw what it wanted in the events just announced starts nothing more.
        if (this.stopped) break;
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

  private get stopped(): boolean {
    return this.options.signal?.aborted === true;
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
    if (data !== undefined) {
      const json = isFlatJson(data) ? data : (JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
      // No secret's value is ever recorded: outputs, errors, inputs and vars all pass through here.
      event.data = this.redact === undefined ? json : this.redact(json);
    }
    applyEvent(this.fold, event, this.graph);
    this.pending.push(event);
  }

  /** Makes the open batch durable before returning (with group commit too), and announces it. */
  async commit(): Promise<void> {
    await this.record();
    if (this.groupCommit) {
      this.ports.store.flushNow?.();
      this.announce();
    }
  }

  /**
   * Appends the open batch to the store. A sync store makes it durable at once, and it is
   * announced here; with group commit it is durable (and announced) after `durable()`.
   */
  private async record(): Promise<void> {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const firstSeq = events[0]?.seq ?? this.fold.seq;
    const update = this.runUpdate(events);
    const creating = this.creating;
    this.creating = undefined;
    const { owner, leaseMs } = this.options;
    // The batch that ends the run ends the lease too: nobody drives an ended run.
    const ends = TERMINAL_STATUSES.has(update.status) && owner !== undefined;
    if (creating) {
      const lease = creating.leased && !ends && owner !== undefined && leaseMs !== undefined ? { owner, leaseMs } : {};
      await this.ports.store.createRun({ ...creating.record, ...update }, creating.workflow, events, lease);
    } else {
      await this.ports.store.append(this.runId, events, update, ends ? { owner, release: true } : this.appendOptions);
    }
    if (ends) this.leaseEnded = true;
    // A snapshot every CHECKPOINT_EVERY events keeps state-at-seq fast on long runs.
    if (Math.floor((firstSeq - 1) / CHECKPOINT_EVERY) < Math.floor(this.fold.seq / CHECKPOINT_EVERY)) {
      await this.ports.store.putCheckpoint?.(this.runId, this.fold.seq, this.fold);
    }
    if (this.groupCommit) this.unannounced.push(events);
    else this.options.onEvents?.(this.runId, events);
  }

  /** Records the open batch and waits until it is durable. */
  private async persist(): Promise<void> {
    await this.record();
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
      ...(TERMINAL_STATUSES.has(status) ? { endedAt: events[events.length - 1]?.at ?? this.isoNow() } : {}),
      wakeAt: status === 'waiting' ? wakeAtOf(this.fold) : null,
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

  /** Records a node's success; the machine routes on. */
  async complete(entry: ActiveNode, result: Completion): Promise<void> {
    const data: Record<string, unknown> = { output: result.output ?? null };
    if (entry.cancelled !== undefined && entry.cancelled.length > 0) data['cancelled'] = entry.cancelled;
    if (result.port !== undefined) data['port'] = result.port;
    if (result.vars !== undefined) data['vars'] = result.vars;
    if (result.branches !== undefined) data['branches'] = result.branches;
    this.emit('node.completed', entry.node, data);
    await this.route();
  }

  /** A failure after the last attempt; the machine follows the `error` port or fails the run. */
  async failNode(entry: ActiveNode, error: ErrorInfo): Promise<void> {
    this.emit('node.failed', entry.node, { error, attempt: entry.attempt, willRetry: false });
    await this.route();
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

  /**
   * Records what the machine decided: the nodes it entered (in its order), then the end of
   * the run once it reached a final state. A fork that starts between the events of one
   * batch finds the rest of that batch's entries here too.
   */
  async route(): Promise<void> {
    for (let next = this.fold.pending[0]; next !== undefined && !this.ended; next = this.fold.pending[0]) {
      if (next.compensates === undefined && !next.arrival && this.fold.stepCount >= this.fold.maxSteps) {
        this.failRun({
          code: 'MAX_STEPS',
          message: `run stopped after ${this.fold.maxSteps} node executions (maxSteps) before entering node ${next.node}; does a loop never end?`,
        });
        continue;
      }
      await this.enter(next);
    }
    const end = this.fold.pendingEnd;
    if (end === 'completed') this.emit('run.completed', undefined, { output: this.fold.endOutput ?? null });
    else if (end === 'failed') {
      const { compensation } = this.fold;
      this.emit('run.failed', undefined, {
        error: compensation?.error ?? this.fold.failure ?? { code: 'TASK_FAILED', message: 'the run failed' },
        compensated: compensation !== undefined && compensation.failed === 0,
      });
    }
    if (this.ended) this.abortAll();
    else this.abortLeft();
  }

  /** Stops the work of nodes the machine left (cut-off branches, a failing run). */
  private abortLeft(): void {
    for (const node of [...this.inflight.keys(), ...this.blocked.keys()]) {
      if (!findActive(this.fold, node)) this.abortNode(node);
    }
  }

  private async enter(next: PendingEntry): Promise<void> {
    const target = this.graph.node(next.node);
    const data: Record<string, unknown> = { kind: target.kind };
    if (next.from !== undefined) data['from'] = next.from;
    // The branches the join's block cut off are in the log from the moment the machine left them.
    if (next.cancelled !== undefined && next.cancelled.length > 0) data['cancelled'] = next.cancelled;
    if (next.compensates !== undefined) {
      data['compensates'] = next.compensates;
      if (this.fold.compensation === undefined) data['compensating'] = { error: this.fold.failure ?? null };
    }
    const now = this.ports.clock.now();
    if ((target.kind === 'approval' || target.kind === 'wait') && target.timeoutMs !== undefined) {
      data['timeoutAt'] = new Date(now + target.timeoutMs).toISOString();
    }
    if (target.kind === 'delay') {
      try {
        data['dueAt'] = await this.delayDueAt(target, now);
      } catch (err) {
        this.emit('node.entered', next.node, data);
        return this.failNode(this.activeEntry(next.node), toErrorInfo(err));
      }
    }
    this.emit('node.entered', next.node, data);
    if (ROUTING_KINDS.has(target.kind)) this.captureContext(next.node);
    if (target.kind === 'approval' && !next.arrival) await this.requestApproval(target);
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

  /**
   * The host fails the run (maxSteps): the first compensation's entry carries the error,
   * or the run fails at once; either way the machine takes RUN.FAIL from the fold.
   */
  failRun(error: ErrorInfo): void {
    if (this.ended || this.fold.compensation) return;
    this.abortAll();
    // What the machine would enter on RUN.FAIL decides which event the failure is recorded as.
    const machine = this.fold.machine;
    const probe = machine === undefined ? undefined : routeMachineOf(this.graph).step(machine, { type: RUN_FAIL });
    const first = probe?.actions.find((a) => a.type === 'enter' && a.compensation);
    if (probe && first?.type === 'enter') {
      this.emit('node.entered', first.node, {
        kind: this.graph.node(first.node).kind,
        compensates: nextToCompensate(probe.state.context) ?? '',
        compensating: { error },
      });
      return;
    }
    this.emit('run.failed', undefined, { error, compensated: false });
  }

  cancel(reason: string): void {
    this.abortAll();
    this.emit('run.cancelled', undefined, { reason });
  }

  // ---- joins, timers and idle runs

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
      } else if (entry.timedOut !== undefined) {
        await this.settleTimeout(entry);
      } else if (entry.timeoutAt && Date.parse(entry.timeoutAt) <= now) {
        this.emit('timer.fired', entry.node, { reason: 'timeout', dueAt: entry.timeoutAt });
        await this.settleTimeout(entry);
      }
    }
  }

  /** Ends a timed-out approval or wait the way the machine's `after` transition said (`timedOut`). */
  private async settleTimeout(entry: ActiveNode): Promise<void> {
    const ms = this.graph.node(entry.node).timeoutMs ?? 0;
    if (entry.timedOut === 'port') {
      const output =
        entry.kind === 'approval' ? { decision: 'timeout', by: null, comment: null, at: this.isoNow() } : null;
      await this.complete(entry, { output, port: 'timeout' });
    } else if (entry.timedOut === 'fails') {
      await this.failNode(entry, {
        code: 'TIMEOUT',
        message: `${entry.kind} timed out after ${ms} ms and has no "timeout" edge`,
      });
    } else {
      await this.failNode(entry, {
        code: 'INTERNAL',
        message: `the workflow's machine has no timeout transition for ${entry.kind} ${entry.node}`,
      });
    }
  }

  private msUntilNextTimer(): number | undefined {
    const next = earliestTimer(this.fold, (entry) => this.inflight.has(entry.node));
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

  /** Vars and steps are replaced key by key, never changed inside: a shallow copy keeps them as they are now. */
  /**
   * After a restart: a condition or switch entered before it decides on the log up to its entry,
   * as it would have without the restart (siblings may have completed since). `events` is the
   * run's whole history.
   */
  restoreEntryContexts(events: readonly HistoryEvent[]): void {
    for (const entry of this.fold.active) {
      if (!ROUTING_KINDS.has(entry.kind) || entry.enteredSeq === this.fold.seq) continue;
      const { vars, steps } = foldEvents(this.runId, events.slice(0, entry.enteredSeq), this.graph);
      this.entryContext.set(entry.node, { seq: entry.enteredSeq, vars, steps });
    }
  }

  private captureContext(node: string): void {
    const { seq, vars, steps } = this.fold;
    this.entryContext.set(node, { seq, vars: { ...vars }, steps: { ...steps } });
  }

  private start(entry: ActiveNode, node: WorkflowNode): void {
    const abort = SIGNAL_FREE.has(node.kind) ? undefined : new AbortController();
    const { enteredSeq, attempt } = entry;
    const scope = this.scope(attempt);
    const context = this.entryContext.get(node.id);
    if (context !== undefined) {
      this.entryContext.delete(node.id);
      if (context.seq === enteredSeq) Object.assign(scope, { vars: context.vars, steps: context.steps });
    }
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
      idempotencyKey: `${this.runId}:${node.id}:${entry.entry}`,
      arrivals: (entry.arrivals ?? []).filter((from) => from !== this.graph.parallelOfJoin(node.id)),
      children: this.children,
      outgoing: this.graph.outgoing(node.id),
      evaluate: (field, source) => this.evaluate(field, source, scope, env),
      render: (field, template) => this.render(field, template, scope, env),
    };
    const work = this.withTimeout(
      this.ports.tasks?.(node, attempt) ?? execute(ctx) ?? Promise.resolve({ output: null }),
      node,
      abort,
    );
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
    if (nextDueMs === undefined && only !== undefined && this.inflight.size === 1 && this.stopWait === undefined) {
      const result = await only.promise;
      this.inflight.delete(result.node);
      return result;
    }
    const waits: Promise<TaskResult | undefined>[] = [...this.inflight.values()].map((f) => f.promise);
    // Only a timer needs a controller: aborting one builds a DOMException, far from free on every step.
    const timer = nextDueMs === undefined ? undefined : new AbortController();
    if (timer && nextDueMs !== undefined)
      waits.push(this.ports.clock.sleep(nextDueMs, timer.signal).then(() => undefined));
    if (this.stopWait !== undefined) waits.push(this.stopWait);
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
      ...(this.secretView === undefined ? {} : { secret: this.secretView }),
    };
  }

  /** `$random()` is seeded from the log position, so a replay sees the same numbers. */
  env(node: string, seq: number, attempt: number): ExprEnv {
    let random: (() => number) | undefined;
    return {
      now: () => this.ports.clock.now(),
      // Seeded on first use: most steps never call $random().
      random: () => (random ??= seededRandom(`${this.runId}:${node}:${seq}:${attempt}`))(),
      ...(this.secretLookup === undefined ? {} : { secret: this.secretLookup }),
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
