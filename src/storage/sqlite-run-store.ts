import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { SwitchyardError } from '#shared';
import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type { RunFilter, RunUpdate } from '../engine/ports.js';
import { decodeBatch, encodeBatches } from './event-batches.js';
import type { FullRunStore } from './full-run-store.js';
import { decodeJson, encodeJson } from './json-columns.js';
import { openDatabase } from './sqlite-open.js';
import { prepareStatements } from './sqlite-statements.js';
import type { Statements } from './sqlite-statements.js';
import { assertContinues, assertLimit, malformedIn, runConflict, runNotFound, seqBounds } from './run-store-rules.js';
import { RunRow, decodeWorkflow, encodeUpdate, encodeWorkflow, toRunRecord, toRunRow } from './run-rows.js';
import type { EncodedUpdate } from './run-rows.js';

const CheckpointRow = z.object({ seq: z.int(), state: z.string().nullable() });
const Seq = z.int();
const RunHead = z.object({ lastSeq: z.int(), status: z.string() });

/** The key of a stored workflow document: a hash of its text, so identical documents share a row. */
function documentIdOf(document: string): string {
  return `sha256:${createHash('sha256').update(document).digest('base64url')}`;
}

/** An update that changes nothing but last_seq may skip the wider UPDATE (and its index writes). */
function onlyMovesSeq(update: EncodedUpdate, status: string): boolean {
  return (
    (update.status === null || update.status === status) &&
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
 * store.createRun(run, workflow);
 * store.append(run.id, [{ seq: 1, at, type: 'run.started', data: { input } }]);
 * store.close();
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
    (runId: string, events: readonly HistoryEvent[], update?: RunUpdate) => void
  >;
  private readonly insertTx: Database.Transaction<
    (row: RunRow, workflow: Workflow, events: readonly HistoryEvent[]) => void
  >;

  private constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly groupCommit: boolean,
  ) {
    this.sql = prepareStatements(db);
    if (groupCommit) {
      this.flush = () => this.group?.promise;
      this.flushNow = () => this.commitGroup();
    }
    this.appendTx = db.transaction((runId: string, events: readonly HistoryEvent[], update?: RunUpdate) => {
      const head = this.runHead(runId);
      if (head === undefined) throw runNotFound(runId, this.path);
      assertContinues(runId, head.lastSeq, events);
      this.insertEvents(runId, head.lastSeq + 1, events);
      const encoded = encodeUpdate(runId, update);
      const lastSeq = head.lastSeq + events.length;
      if (onlyMovesSeq(encoded, head.status)) this.sql.setLastSeq.run(lastSeq, runId);
      else this.sql.updateRun.run({ ...encoded, id: runId, lastSeq });
    });
    this.insertTx = db.transaction((row: RunRow, workflow: Workflow, events: readonly HistoryEvent[]) => {
      if (this.lastSeq(row.id) !== undefined) throw runConflict(row.id);
      assertContinues(row.id, 0, events);
      const document = encodeWorkflow(row.id, workflow);
      const documentId = documentIdOf(document);
      this.sql.insertDocument.run(documentId, document);
      this.sql.insertRun.run({ ...row, documentId });
      this.insertEvents(row.id, 1, events);
    });
  }

  static open(path: string, options: SqliteRunStoreOptions = {}): SqliteRunStore {
    const readonly = options.readonly ?? false;
    return new SqliteRunStore(openDatabase(path, readonly), path, (options.groupCommit ?? false) && !readonly);
  }

  /** Commits an open group first. */
  close(): void {
    try {
      this.commitGroup();
    } finally {
      this.db.close();
    }
  }

  createRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[] = []): void {
    this.write(() => this.insertTx.immediate(toRunRow(run, events.length, run.imported ?? false), workflow, events));
  }

  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): void {
    this.write(() => this.insertTx.immediate(toRunRow(run, events.length, true), workflow, events));
  }

  append(runId: string, events: readonly HistoryEvent[], update?: RunUpdate): void {
    this.write(() => this.appendTx.immediate(runId, events, update));
  }

  getRun(runId: string): RunRecord | undefined {
    return this.guard(() => {
      const row: unknown = this.sql.run.get(runId);
      return row === undefined ? undefined : toRunRecord(this.readRow(RunRow, row, `row of run "${runId}"`));
    });
  }

  getWorkflow(runId: string): Workflow | undefined {
    return this.guard(() => {
      const document: unknown = this.sql.workflow.get(runId);
      if (document === undefined) return undefined;
      return decodeWorkflow(runId, this.readRow(z.string(), document, `workflow of run "${runId}"`));
    });
  }

  listRuns(filter: RunFilter = {}): RunRecord[] {
    assertLimit(filter.limit);
    return this.guard(() =>
      this.sql
        .listRuns(filter)
        .all({ ...filter, limit: filter.limit ?? -1 })
        .map((row) => toRunRecord(this.readRow(RunRow, row, 'run row'))),
    );
  }

  events(runId: string, fromSeq?: number, toSeq?: number): HistoryEvent[] {
    const { from, to } = seqBounds(fromSeq, toSeq);
    return this.guard(() => {
      const events: HistoryEvent[] = [];
      const source = { store: this.path, runId };
      for (const row of this.sql.eventBatches.all(runId, from, to)) decodeBatch(row, from, to, events, source);
      return events;
    });
  }

  getCheckpoint(runId: string, seq: number): { seq: number; state: unknown } | undefined {
    return this.guard(() => {
      const found: unknown = this.sql.checkpoint.get(runId, seq);
      if (found === undefined) return undefined;
      const row = this.readRow(CheckpointRow, found, `checkpoint of run "${runId}"`);
      return { seq: row.seq, state: decodeJson(row.state, `checkpoint ${row.seq} of run "${runId}"`) };
    });
  }

  putCheckpoint(runId: string, seq: number, state: unknown): void {
    const text = encodeJson(state, `checkpoint ${seq} of run "${runId}"`);
    this.write(() =>
      this.db
        .transaction(() => {
          if (this.lastSeq(runId) === undefined) throw runNotFound(runId, this.path);
          this.sql.putCheckpoint.run(runId, seq, text);
        })
        .immediate(),
    );
  }

  deleteRun(runId: string): void {
    this.write(() =>
      this.db
        .transaction(() => {
          const documentId: unknown = this.sql.documentId.get(runId);
          // Event batches and checkpoints go with the run (ON DELETE CASCADE); its document when no other run uses it.
          if (this.sql.deleteRun.run(runId).changes === 0) throw runNotFound(runId, this.path);
          if (typeof documentId === 'string') this.sql.deleteUnusedDocument.run({ id: documentId });
        })
        .immediate(),
    );
  }

  transaction<T>(fn: () => T): T {
    return this.write(() => this.db.transaction(fn).immediate());
  }

  lastSeq(runId: string): number | undefined {
    const value: unknown = this.sql.lastSeq.get(runId);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    return this.readRow(Seq, value, `last seq of run "${runId}"`);
  }

  /** last_seq and status of a run, in one read (append needs both). */
  private runHead(runId: string): { lastSeq: number; status: string } | undefined {
    const row: unknown = this.sql.runHead.get(runId);
    if (row === undefined) return undefined;
    // Read on every append: well-formed rows skip the zod pass (and its garbage).
    if (typeof row === 'object' && row !== null && 'lastSeq' in row && 'status' in row) {
      const { lastSeq, status } = row;
      if (typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) && typeof status === 'string')
        return { lastSeq, status };
    }
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
