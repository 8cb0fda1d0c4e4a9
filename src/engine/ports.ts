import type { HistoryEvent, RunRecord, RunStatus, ErrorInfo, Workflow } from '#shared';

/** Time as the engine sees it. Tests and replay pass a simulated clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` (or at once when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface IdGen {
  runId(): string;
}

export interface Logger {
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** The subset of WHATWG fetch the http node uses. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

/** Changes to a run's summary row, written in the same transaction as the events. */
export interface RunUpdate {
  status?: RunStatus;
  output?: unknown;
  error?: ErrorInfo;
  endedAt?: string;
}

export interface RunFilter {
  status?: RunStatus;
  workflowId?: string;
  parentRun?: string;
  limit?: number;
}

/**
 * Durable run history. Synchronous on purpose: the engine commits each event before
 * acting on it, and with an embedded store a sync append is both simplest and fastest.
 *
 * Group commit (optional): a store may let writes issued close together (the steps of many
 * concurrent runs) share one transaction. Such a store has `flush`, and its writes are
 * durable only once the promise `flush()` returns has resolved; the engine awaits it before
 * it acts on what it wrote (runs a task, answers a caller, announces events). Stores without
 * `flush` are durable when a write returns.
 */
export interface RunStore {
  /**
   * Creates the run row, its workflow document and its first events in one transaction
   * (a run never exists without its `run.started`); fails with CONFLICT if the id exists.
   */
  createRun(run: RunRecord, workflow: Workflow, events?: readonly HistoryEvent[]): void;
  /** Appends events (their seq must continue the run's history without gaps) and applies `update`, atomically. */
  append(runId: string, events: readonly HistoryEvent[], update?: RunUpdate): void;
  /** Stores a finished history (a run bundle) as a read-only run, atomically; CONFLICT if the id exists. */
  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): void;
  getRun(runId: string): RunRecord | undefined;
  getWorkflow(runId: string): Workflow | undefined;
  listRuns(filter?: RunFilter): RunRecord[];
  /** Seq of the run's last event (0 before the first), or undefined for an unknown run. */
  lastSeq(runId: string): number | undefined;
  /** Events with fromSeq <= seq <= toSeq (both optional), in seq order. */
  events(runId: string, fromSeq?: number, toSeq?: number): HistoryEvent[];
  /** Latest snapshot at or before `seq`, for fast state-at-seq; `state` is a fresh copy the caller may change. */
  getCheckpoint?(runId: string, seq: number): { seq: number; state: unknown } | undefined;
  putCheckpoint?(runId: string, seq: number, state: unknown): void;
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
}
