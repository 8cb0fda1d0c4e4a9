import type { HistoryEvent, RunOrder, RunRecord, RunStatus, ErrorInfo, Workflow, WorkflowNode } from '#shared';
import type { ScriptRequest } from './sandbox/index.js';

/** Time as the engine sees it. Tests and replay pass a simulated clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` (or at once when aborted). A `background` sleep (lease renewal) is
   * housekeeping: a simulated clock never jumps ahead to it on its own.
   */
  sleep(ms: number, signal?: AbortSignal, options?: { background?: boolean }): Promise<void>;
}

export interface IdGen {
  runId(): string;
}

export interface Logger {
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/**
 * Runs a script node's code; rejects with SwitchyardError SCRIPT_FAILED or SCRIPT_TIMEOUT, or with
 * the signal's reason once `signal` aborts. Hosts that serve people run scripts off their event
 * loop (a `ScriptPool` of threads); without one the engine runs them in-process (`runScript`).
 */
export type ScriptRunner = (request: ScriptRequest, signal?: AbortSignal) => Promise<unknown>;

/**
 * Where `$secret('NAME')` and `{{ secret.NAME }}` get values at run time (environment, a secrets
 * file, the OS keychain). The engine redacts every value `values()` lists from whatever it records.
 */
export interface SecretProvider {
  /** The value of secret `name`, or undefined when it is not set. */
  get(name: string): string | undefined;
  /** Every value the provider holds (for redaction). */
  values(): readonly string[];
  /** Where to set a missing secret, for the SECRET_MISSING message (e.g. "set SWITCHYARD_SECRET_NAME"). */
  howToSet(name: string): string;
}

/**
 * Stands in for executions of nodes: called before each execution of a node whose kind executes
 * (all but approval, wait and delay). A promise replaces the execution — its output is what the
 * node produced, a rejection its failure; undefined lets the kind's executor run. The designer's
 * "run to here" uses it to give pinned sample outputs instead of calling real systems.
 */
export type TaskGate = (node: WorkflowNode, attempt: number) => Promise<{ output: unknown }> | undefined;

/** The subset of WHATWG fetch the http node uses. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

/** Changes to a run's summary row, written in the same transaction as the events. */
export interface RunUpdate {
  status?: RunStatus;
  output?: unknown;
  error?: ErrorInfo;
  endedAt?: string;
  /**
   * When a waiting run next needs driving: its earliest timer (ISO time), or null when none.
   * Absent leaves it unchanged. `claimDue` hands out waiting runs whose wake time has come.
   */
  wakeAt?: string | null;
}

export interface RunFilter {
  status?: RunStatus;
  workflowId?: string;
  parentRun?: string;
  /** Runs started by this trigger id (see RunRecord.trigger). */
  trigger?: string;
  /** Default `newest`; a run that has not ended measures its duration to the store's clock. */
  order?: RunOrder;
  limit?: number;
}

/** A run whose status changed, as a shared store tells the processes that watch it. */
export interface RunChange {
  runId: string;
  status: RunStatus;
}

/** Events were appended to a run's history, up to `lastSeq`, as a shared store tells its watchers. */
export interface RunAppend {
  runId: string;
  lastSeq: number;
}

/** Who drives a run, until when (ISO time). */
export interface RunLease {
  owner: string;
  expiresAt: string;
}

export interface AppendOptions {
  /**
   * The lease holder writing: the append fails with CONFLICT when another owner holds the
   * run's lease (it claimed the run, e.g. after this owner's lease expired).
   */
  owner?: string;
  /**
   * With `owner`: the append also ends that owner's lease, in the same transaction (the append
   * that ends a run). BAD_USAGE without `owner`.
   */
  release?: boolean;
}

export interface CreateRunOptions {
  /**
   * The new run is created already leased to `owner` for `leaseMs`, in the same transaction;
   * CONFLICT (and nothing created) when another owner holds a live lease on the id.
   */
  owner?: string;
  /** How long the lease of `owner` lasts; required with `owner`. */
  leaseMs?: number;
}

/**
 * Durable run history with ownership. Every method is async, so that a store may live across a
 * network; the embedded stores answer at once.
 *
 * Leases: a run is driven by at most one owner (an engine instance) at a time, across processes.
 * An owner `claim`s a run before driving it, `renew`s the lease while it drives and `release`s it
 * when done; its appends name it, and fail with CONFLICT once someone else holds the run.
 *
 * Group commit (optional): a store may let writes issued close together (the steps of many
 * concurrent runs) share one transaction. Such a store has `flush`, and its writes are
 * durable only once the promise `flush()` returns has resolved; the engine awaits it before
 * it acts on what it wrote (runs a task, answers a caller, announces events). Stores without
 * `flush` are durable when a write resolves.
 *
 * @example
 * if (await store.claim(runId, 'host:42:ab', 30_000)) {
 *   try { await store.append(runId, events, { status: 'running' }, { owner: 'host:42:ab' }); }
 *   finally { await store.release(runId, 'host:42:ab'); }
 * }
 */
export interface RunStore {
  /**
   * Creates the run row, its workflow document and its first events in one transaction
   * (a run never exists without its `run.started`); fails with CONFLICT if the id exists.
   * With `options.owner` the run starts leased to that owner (no separate `claim`).
   */
  createRun(
    run: RunRecord & { wakeAt?: string | null },
    workflow: Workflow,
    events?: readonly HistoryEvent[],
    options?: CreateRunOptions,
  ): Promise<void>;
  /**
   * Appends events and applies `update`, atomically. CONFLICT when the first event's seq is not
   * the run's last seq + 1, or when `options.owner` is given and another owner holds the lease.
   * With `options.release` the owner's lease ends with the append (no separate `release`).
   */
  append(runId: string, events: readonly HistoryEvent[], update?: RunUpdate, options?: AppendOptions): Promise<void>;
  /** Stores a finished history (a run bundle) as a read-only run, atomically; CONFLICT if the id exists. */
  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  getWorkflow(runId: string): Promise<Workflow | undefined>;
  listRuns(filter?: RunFilter): Promise<RunRecord[]>;
  /** Seq of the run's last event (0 before the first), or undefined for an unknown run. */
  lastSeq(runId: string): Promise<number | undefined>;
  /** Events with fromSeq <= seq <= toSeq (both optional), in seq order. */
  events(runId: string, fromSeq?: number, toSeq?: number): Promise<HistoryEvent[]>;
  /** Latest snapshot at or before `seq`, for fast state-at-seq; `state` is a fresh copy the caller may change. */
  getCheckpoint?(runId: string, seq: number): Promise<{ seq: number; state: unknown } | undefined>;
  putCheckpoint?(runId: string, seq: number, state: unknown): Promise<void>;
  /** True when the run is now leased to `owner` for `leaseMs`: it was free, its lease had expired, or `owner` held it (extended). */
  claim(runId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Extends `owner`'s lease by `leaseMs` from now; false when `owner` no longer holds it. */
  renew(runId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Ends `owner`'s lease; a no-op when `owner` does not hold it. */
  release(runId: string, owner: string): Promise<void>;
  /** The live lease of the run, if any. */
  leaseOf(runId: string): Promise<RunLease | undefined>;
  /**
   * Atomically claims for `owner` and returns up to `limit` top-level, non-imported runs that need
   * driving and have no live lease: `running` ones (interrupted) and `waiting` ones whose wake time
   * is at or before `now` (ms since the epoch).
   */
  claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<string[]>;
  /**
   * Shared stores (PostgreSQL): calls `listener` whenever a run's status changes, whichever process
   * wrote it, until the returned function is called or the watch is lost (`onLost`: the
   * connection dropped; watch again). Absent: other processes poll.
   */
  watchRuns?(listener: (change: RunChange) => void, onLost?: (err: unknown) => void): Promise<() => Promise<void>>;
  /** Shared stores: as watchRuns, for every append to any run's history (live views of other processes' runs). */
  watchAppends?(listener: (append: RunAppend) => void, onLost?: (err: unknown) => void): Promise<() => Promise<void>>;
  /**
   * Group commit: settles once every write made so far is committed (rejects with
   * STORE_FAILED when the commit fails); undefined when all of them already are.
   */
  flush?(): Promise<void> | undefined;
  /** Group commit: commits the writes not yet committed, now. */
  flushNow?(): void;
}

/** Everything a host provides to the engine. */
export interface EnginePorts {
  clock: Clock;
  ids: IdGen;
  store: RunStore;
  fetch: FetchFn;
  logger: Logger;
  /** Where script nodes run (default: in-process, on the caller's event loop). */
  scripts?: ScriptRunner;
  /** Secrets for expressions and templates (default: none set). */
  secrets?: SecretProvider;
  /** What stands in for node executions (default: none, every node executes). */
  tasks?: TaskGate;
}
