import Database from 'better-sqlite3';
import { z } from 'zod';
import { SwitchyardError } from '#shared';
import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type {
  AppendOptions,
  CreateRunOptions,
  DeployedWorkflow,
  FullRunStore,
  RunFilter,
  RunLease,
  RunUpdate,
  ScheduleState,
} from '#engine';
import { decodeJson, encodeJson } from '../engine/store/json-columns.js';
import {
  assertContinues,
  assertLeaseMs,
  assertLimit,
  createLeaseConflict,
  initialLease,
  assertOwnerMayAppend,
  malformedIn,
  releasedOwner,
  runConflict,
  triggerConflict,
  runNotFound,
  seqBounds,
} from '../engine/store/run-store-rules.js';
import type { InitialLease } from '../engine/store/run-store-rules.js';
import {
  RunRow,
  decodeDocument,
  decodeWorkflow,
  encodeUpdate,
  toRunRecord,
  toRunRow,
} from '../engine/store/run-rows.js';
import type { EncodedUpdate, NewRun } from '../engine/store/run-rows.js';
import { storedDocument } from './document-id.js';
import { decodeBatch, encodeBatches } from './event-batches.js';
import { openDatabase } from './sqlite-open.js';
import { prepareStatements } from './sqlite-statements.js';
import type { Statements } from './sqlite-statements.js';

const CheckpointRow = z.object({ seq: z.int(), state: z.string().nullable() });
const Seq = z.int();
const RunHead = z.object({
  lastSeq: z.int(),
  status: z.string(),
  wakeAt: z.string().nullable(),
  owner: z.string().nullable(),
});
type RunHead = z.infer<typeof RunHead>;
const LeaseRow = z.object({ owner: z.string(), expiresAt: z.int() });
const RunIds = z.array(z.string());
const ScheduleRow = z.object({
  signature: z.string(),
  nextFireAt: z.string().nullable(),
  pending: z.union([z.literal(0), z.literal(1)]),
  version: z.int(),
});
const DeployedRow = z.object({ document: z.string(), deployedAt: z.string() });

/** An update that changes nothing but last_seq may skip the wider UPDATE (and its index writes). */
function onlyMovesSeq(update: EncodedUpdate, head: RunHead): boolean {
  return (
    (update.status === null || update.status === head.status) &&
    (update.setWakeAt === 0 || update.wakeAt === head.wakeAt) &&
    update.setOutput === 0 &&
    update.error === null &&
    update.endedAt === null
  );
}

export interface SqliteRunStoreOptions {
  readonly?: boolean;
  /**
   * Group commit: writes join one open transaction that commits once the current macrotask
   * is over (or at `flushNow`/`close`), so that concurrent runs share commits. A write is then
   * durable only once `flush()` has resolved; the engine waits for that before it acts.
   */
  groupCommit?: boolean;
  /** Lease time (ms since the epoch); tests move it. Default Date.now. */
  now?: () => number;
}

/** The open group of a group-commit store: settles when its transaction commits. */
interface Group {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The durable run store: one SQLite file in WAL mode, shared safely by several processes.
 *
 * @example
 * const store = SqliteRunStore.open('./switchyard.db');
 * await store.createRun(run, workflow);
 * await store.append(run.id, [{ seq: 1, at, type: 'run.started', data: { input } }]);
 * store.close();
 *
 * Leases live in the same file, so two processes on one file never drive one run at once.
 *
 * With `{ groupCommit: true }` the writes of many concurrent runs share transactions; see
 * `SqliteRunStoreOptions.groupCommit` and `flush`.
 */
export class SqliteRunStore implements FullRunStore {
  /**
   * Group commit only (absent otherwise): a promise that settles once every write made so
   * far is committed (rejecting with STORE_FAILED if the commit fails), or undefined when
   * all of them already are.
   */
  readonly flush?: () => Promise<void> | undefined;
  /** Group commit only: commits the open group now. */
  readonly flushNow?: () => void;
  private readonly sql: Statements;
  private group: Group | undefined;
  // Writes take the write lock up front (IMMEDIATE): a read-then-write upgrade fails at once under WAL
  // instead of waiting for busy_timeout.
  private readonly appendTx: Database.Transaction<
    (runId: string, events: readonly HistoryEvent[], update?: RunUpdate, options?: AppendOptions) => void
  >;
  private readonly claimDueTx: Database.Transaction<
    (owner: string, now: number, limit: number, leaseMs: number) => string[]
  >;
  private readonly insertTx: Database.Transaction<
    (row: RunRow, workflow: Workflow, events: readonly HistoryEvent[], lease?: InitialLease) => void
  >;

  private constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly groupCommit: boolean,
    private readonly now: () => number,
  ) {
    this.sql = prepareStatements(db);
    if (groupCommit) {
      this.flush = () => this.group?.promise;
      this.flushNow = () => this.commitGroup();
    }
    this.appendTx = db.transaction(
      (runId: string, events: readonly HistoryEvent[], update?: RunUpdate, options?: AppendOptions) => {
        const released = releasedOwner(options);
        const owner = options?.owner;
        const head = this.runHead(runId);
        if (head === undefined) throw runNotFound(runId, this.path);
        assertOwnerMayAppend(runId, owner, head.owner, head.lastSeq, events);
        assertContinues(runId, head.lastSeq, events);
        this.insertEvents(runId, head.lastSeq + 1, events);
        const encoded = encodeUpdate(runId, update);
        const lastSeq = head.lastSeq + events.length;
        if (onlyMovesSeq(encoded, head)) this.sql.setLastSeq.run(lastSeq, runId);
        else this.sql.updateRun.run({ ...encoded, id: runId, lastSeq });
        if (released !== undefined) this.sql.release.run(runId, released);
      },
    );
    this.claimDueTx = db.transaction((owner: string, now: number, limit: number, leaseMs: number) => {
      // `now` is what wake times are compared with; leases expire by the store's own clock.
      const leaseNow = this.now();
      const found: unknown = this.sql.dueRuns.all({ now: leaseNow, nowIso: new Date(now).toISOString(), limit });
      const ids = this.readRow(RunIds, found, 'list of due runs');
      const expiresAt = leaseNow + leaseMs;
      return ids.filter((runId) => this.sql.claim.run({ runId, owner, expiresAt, now: leaseNow }).changes > 0);
    });
    this.insertTx = db.transaction(
      (row: RunRow, workflow: Workflow, events: readonly HistoryEvent[], lease?: InitialLease) => {
        if (this.readLastSeq(row.id) !== undefined) throw runConflict(row.id);
        if (row.triggerId !== null && row.triggerKey !== null) {
          const key = { workflowId: row.workflowId, triggerId: row.triggerId, triggerKey: row.triggerKey };
          if (this.sql.triggeredRun.get(key) !== undefined) throw triggerConflict(row);
        }
        assertContinues(row.id, 0, events);
        const { document, documentId } = storedDocument(row.id, workflow);
        this.sql.insertDocument.run(documentId, document);
        this.sql.insertRun.run({ ...row, documentId });
        this.insertEvents(row.id, 1, events);
        if (lease !== undefined) this.claimNew(row.id, lease);
      },
    );
  }

  static open(path: string, options: SqliteRunStoreOptions = {}): SqliteRunStore {
    const readonly = options.readonly ?? false;
    const groupCommit = (options.groupCommit ?? false) && !readonly;
    return new SqliteRunStore(openDatabase(path, readonly), path, groupCommit, options.now ?? (() => Date.now()));
  }

  /** Commits an open group first. */
  close(): void {
    try {
      this.commitGroup();
    } finally {
      this.db.close();
    }
  }

  async createRun(
    run: NewRun,
    workflow: Workflow,
    events: readonly HistoryEvent[] = [],
    options?: CreateRunOptions,
  ): Promise<void> {
    const lease = initialLease(options);
    const row = toRunRow(run, events.length, run.imported ?? false);
    this.write(() => this.insertTx.immediate(row, workflow, events, lease));
  }

  async importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): Promise<void> {
    this.write(() => this.insertTx.immediate(toRunRow(run, events.length, true), workflow, events));
  }

  async append(
    runId: string,
    events: readonly HistoryEvent[],
    update?: RunUpdate,
    options?: AppendOptions,
  ): Promise<void> {
    this.write(() => this.appendTx.immediate(runId, events, update, options));
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.guard(() => {
      const row: unknown = this.sql.run.get(runId);
      return row === undefined ? undefined : toRunRecord(this.readRow(RunRow, row, `row of run "${runId}"`));
    });
  }

  async getWorkflow(runId: string): Promise<Workflow | undefined> {
    return this.guard(() => {
      const document: unknown = this.sql.workflow.get(runId);
      if (document === undefined) return undefined;
      return decodeWorkflow(runId, this.readRow(z.string(), document, `workflow of run "${runId}"`));
    });
  }

  async listRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    assertLimit(filter.limit);
    return this.guard(() =>
      this.sql
        .listRuns(filter)
        .all({ ...filter, now: new Date(this.now()).toISOString(), limit: filter.limit ?? -1 })
        .map((row) => toRunRecord(this.readRow(RunRow, row, 'run row'))),
    );
  }

  async events(runId: string, fromSeq?: number, toSeq?: number): Promise<HistoryEvent[]> {
    const { from, to } = seqBounds(fromSeq, toSeq);
    return this.guard(() => {
      const events: HistoryEvent[] = [];
      const source = { store: this.path, runId };
      for (const row of this.sql.eventBatches.all(runId, from, to)) decodeBatch(row, from, to, events, source);
      return events;
    });
  }

  async getCheckpoint(runId: string, seq: number): Promise<{ seq: number; state: unknown } | undefined> {
    return this.guard(() => {
      const found: unknown = this.sql.checkpoint.get(runId, seq);
      if (found === undefined) return undefined;
      const row = this.readRow(CheckpointRow, found, `checkpoint of run "${runId}"`);
      return { seq: row.seq, state: decodeJson(row.state, `checkpoint ${row.seq} of run "${runId}"`) };
    });
  }

  async putCheckpoint(runId: string, seq: number, state: unknown): Promise<void> {
    const text = encodeJson(state, `checkpoint ${seq} of run "${runId}"`);
    this.write(() =>
      this.db
        .transaction(() => {
          if (this.readLastSeq(runId) === undefined) throw runNotFound(runId, this.path);
          this.sql.putCheckpoint.run(runId, seq, text);
        })
        .immediate(),
    );
  }

  async deleteRun(runId: string): Promise<void> {
    this.write(() =>
      this.db
        .transaction(() => {
          const documentId: unknown = this.sql.documentId.get(runId);
          // Event batches and checkpoints go with the run (ON DELETE CASCADE); its document when no other run uses it.
          if (this.sql.deleteRun.run(runId).changes === 0) throw runNotFound(runId, this.path);
          if (typeof documentId === 'string') this.sql.deleteUnusedDocument.run({ id: documentId });
          this.sql.dropLease.run(runId);
        })
        .immediate(),
    );
  }

  async lastSeq(runId: string): Promise<number | undefined> {
    return this.guard(() => this.readLastSeq(runId));
  }

  async claim(runId: string, owner: string, leaseMs: number): Promise<boolean> {
    assertLeaseMs(leaseMs);
    const now = this.now();
    return this.write(() => this.sql.claim.run({ runId, owner, expiresAt: now + leaseMs, now }).changes > 0);
  }

  async renew(runId: string, owner: string, leaseMs: number): Promise<boolean> {
    assertLeaseMs(leaseMs);
    return this.write(() => this.sql.renew.run(this.now() + leaseMs, runId, owner).changes > 0);
  }

  async release(runId: string, owner: string): Promise<void> {
    this.write(() => this.sql.release.run(runId, owner));
  }

  async leaseOf(runId: string): Promise<RunLease | undefined> {
    return this.guard(() => {
      const found: unknown = this.sql.liveLease.get(runId, this.now());
      if (found === undefined) return undefined;
      const row = this.readRow(LeaseRow, found, `lease of run "${runId}"`);
      return { owner: row.owner, expiresAt: new Date(row.expiresAt).toISOString() };
    });
  }

  async claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<string[]> {
    assertLimit(limit);
    assertLeaseMs(leaseMs);
    return this.write(() => this.claimDueTx.immediate(owner, now, limit, leaseMs));
  }

  async scheduleState(workflowId: string, triggerId: string): Promise<ScheduleState | undefined> {
    return this.guard(() => {
      const found: unknown = this.sql.scheduleState.get({ workflowId, triggerId });
      if (found === undefined) return undefined;
      const row = this.readRow(ScheduleRow, found, `schedule state of ${workflowId}/${triggerId}`);
      return { ...row, pending: row.pending === 1 };
    });
  }

  async putScheduleState(
    workflowId: string,
    triggerId: string,
    state: Omit<ScheduleState, 'version'>,
    expectedVersion: number,
  ): Promise<boolean> {
    const params = {
      workflowId,
      triggerId,
      signature: state.signature,
      nextFireAt: state.nextFireAt,
      pending: state.pending ? (1 as const) : (0 as const),
    };
    return this.write(() =>
      expectedVersion === 0
        ? this.sql.insertScheduleState.run(params).changes > 0
        : this.sql.updateScheduleState.run({ ...params, expected: expectedVersion }).changes > 0,
    );
  }

  async triggeredRun(workflowId: string, triggerId: string, key: string): Promise<RunRecord | undefined> {
    return this.guard(() => {
      const row: unknown = this.sql.triggeredRun.get({ workflowId, triggerId, triggerKey: key });
      return row === undefined ? undefined : toRunRecord(this.readRow(RunRow, row, 'triggered run row'));
    });
  }

  async deployWorkflow(workflow: Workflow, deployedAt: string): Promise<void> {
    const document = encodeJson(workflow, `deployed workflow ${workflow.id}`) ?? 'null';
    this.write(() => this.sql.deploy.run(workflow.id, document, deployedAt));
  }

  async undeployWorkflow(workflowId: string): Promise<boolean> {
    return this.write(() => this.sql.undeploy.run(workflowId).changes > 0);
  }

  async deployedWorkflows(): Promise<DeployedWorkflow[]> {
    return this.guard(() =>
      this.sql.deployed.all().map((found) => {
        const row = this.readRow(DeployedRow, found, 'deployed workflow');
        return { workflow: decodeDocument(row.document, 'a deployed workflow'), deployedAt: row.deployedAt };
      }),
    );
  }

  /** Inside createRun's transaction: the new run's lease, or CONFLICT (undoing the run) when someone else holds it. */
  private claimNew(runId: string, { owner, leaseMs }: InitialLease): void {
    const now = this.now();
    if (this.sql.claim.run({ runId, owner, expiresAt: now + leaseMs, now }).changes > 0) return;
    throw createLeaseConflict(runId, owner, this.runHead(runId)?.owner ?? 'another owner');
  }

  private readLastSeq(runId: string): number | undefined {
    const value: unknown = this.sql.lastSeq.get(runId);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    return this.readRow(Seq, value, `last seq of run "${runId}"`);
  }

  /** last_seq, status, wake time and lease holder of a run, in one read (append needs them all). */
  private runHead(runId: string): RunHead | undefined {
    const row: unknown = this.sql.runHead.get(runId);
    if (row === undefined) return undefined;
    // Read on every append: well-formed rows skip the zod pass (and its garbage).
    if (isRunHead(row)) return row;
    return this.readRow(RunHead, row, `row of run "${runId}"`);
  }

  private insertEvents(runId: string, firstSeq: number, events: readonly HistoryEvent[]): void {
    for (const row of encodeBatches(runId, firstSeq, events)) {
      this.sql.insertBatch.run(runId, row.firstSeq, row.lastSeq, row.events);
    }
  }

  private readRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    throw malformedIn(this.path, what, z.prettifyError(parsed.error));
  }

  /**
   * Every write goes through here. With group commit it first joins the open group (opening
   * one when none is): the write itself then runs as a savepoint inside it, so a failing write
   * undoes only its own part, exactly as its own transaction would.
   */
  private write<T>(fn: () => T): T {
    return this.guard(() => {
      if (this.groupCommit) this.openGroup();
      return fn();
    });
  }

  private openGroup(): void {
    // Inside a caller's own `transaction(fn)` the writes commit with it; there is no group to open.
    if (this.group !== undefined || this.db.inTransaction) return;
    this.sql.begin.run();
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A failed commit is reported to whoever awaits flush(); nobody awaiting must not crash the process.
    promise.catch(() => undefined);
    this.group = { promise, resolve, reject };
    // After the current macrotask: every write issued by the runs that moved on in it joins this group.
    setImmediate(() => {
      try {
        this.commitGroup();
      } catch {
        // Reported to the waiters by commitGroup.
      }
    });
  }

  private commitGroup(): void {
    const group = this.group;
    if (group === undefined) return;
    this.group = undefined;
    try {
      this.guard(() => this.sql.commit.run());
    } catch (err) {
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
      group.reject(err);
      throw err;
    }
    group.resolve();
  }

  /** SQLite failures (busy, read-only, disk full …) surface as STORE_FAILED naming the file. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof Database.SqliteError) {
        throw new SwitchyardError('STORE_FAILED', `run store ${this.path}: ${err.message} (${err.code})`);
      }
      throw err;
    }
  }
}

function isRunHead(row: unknown): row is RunHead {
  if (typeof row !== 'object' || row === null) return false;
  if (!('lastSeq' in row && 'status' in row && 'wakeAt' in row && 'owner' in row)) return false;
  const { lastSeq, status, wakeAt, owner } = row;
  return (
    typeof lastSeq === 'number' &&
    Number.isSafeInteger(lastSeq) &&
    typeof status === 'string' &&
    (wakeAt === null || typeof wakeAt === 'string') &&
    (owner === null || typeof owner === 'string')
  );
}
