import Database from 'better-sqlite3';
import { z } from 'zod';
import { SwitchyardError } from '#shared';
import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type { RunFilter, RunUpdate } from '../engine/ports.js';
import { EventRow, toEventRow, toHistoryEvent } from './event-rows.js';
import type { FullRunStore } from './full-run-store.js';
import { decodeJson, encodeJson } from './json-columns.js';
import { openDatabase } from './sqlite-open.js';
import { prepareStatements } from './sqlite-statements.js';
import type { Statements } from './sqlite-statements.js';
import { assertContinues, assertLimit, runConflict, runNotFound, seqBounds } from './run-store-rules.js';
import { RunRow, decodeWorkflow, encodeUpdate, encodeWorkflow, toRunRecord, toRunRow } from './run-rows.js';

const CheckpointRow = z.object({ seq: z.int(), state: z.string().nullable() });

/**
 * The durable run store: one SQLite file in WAL mode, shared safely by several processes.
 *
 * @example
 * const store = SqliteRunStore.open('./switchyard.db');
 * store.createRun(run, workflow);
 * store.append(run.id, [{ seq: 1, at, type: 'run.started', data: { input } }]);
 * store.close();
 */
export class SqliteRunStore implements FullRunStore {
  private readonly sql: Statements;
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
  ) {
    this.sql = prepareStatements(db);
    this.appendTx = db.transaction((runId: string, events: readonly HistoryEvent[], update?: RunUpdate) => {
      const lastSeq = this.lastSeq(runId);
      if (lastSeq === undefined) throw runNotFound(runId, this.path);
      assertContinues(runId, lastSeq, events);
      this.insertEvents(runId, events);
      this.sql.updateRun.run({ ...encodeUpdate(runId, update), id: runId, lastSeq: lastSeq + events.length });
    });
    this.insertTx = db.transaction((row: RunRow, workflow: Workflow, events: readonly HistoryEvent[]) => {
      if (this.lastSeq(row.id) !== undefined) throw runConflict(row.id);
      assertContinues(row.id, 0, events);
      this.sql.insertRun.run(row);
      this.sql.insertWorkflow.run(row.id, encodeWorkflow(row.id, workflow));
      this.insertEvents(row.id, events);
    });
  }

  static open(path: string, options: { readonly?: boolean } = {}): SqliteRunStore {
    return new SqliteRunStore(openDatabase(path, options.readonly ?? false), path);
  }

  close(): void {
    this.db.close();
  }

  createRun(run: RunRecord, workflow: Workflow): void {
    this.guard(() => this.insertTx.immediate(toRunRow(run, 0, run.imported ?? false), workflow, []));
  }

  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): void {
    this.guard(() => this.insertTx.immediate(toRunRow(run, events.length, true), workflow, events));
  }

  append(runId: string, events: readonly HistoryEvent[], update?: RunUpdate): void {
    this.guard(() => this.appendTx.immediate(runId, events, update));
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
    return this.guard(() =>
      this.sql.events
        .all(runId, from, to)
        .map((row) => toHistoryEvent(runId, this.readRow(EventRow, row, `event of run "${runId}"`))),
    );
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
    this.guard(() =>
      this.transaction(() => {
        if (this.lastSeq(runId) === undefined) throw runNotFound(runId, this.path);
        this.sql.putCheckpoint.run(runId, seq, text);
      }),
    );
  }

  deleteRun(runId: string): void {
    this.guard(() => {
      // Workflow, events and checkpoints go with the run (ON DELETE CASCADE).
      if (this.sql.deleteRun.run(runId).changes === 0) throw runNotFound(runId, this.path);
    });
  }

  transaction<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  lastSeq(runId: string): number | undefined {
    const value: unknown = this.sql.lastSeq.get(runId);
    return value === undefined ? undefined : this.readRow(z.int(), value, `last seq of run "${runId}"`);
  }

  private insertEvents(runId: string, events: readonly HistoryEvent[]): void {
    for (const event of events) this.sql.insertEvent.run({ ...toEventRow(runId, event), runId });
  }

  private readRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    throw new SwitchyardError(
      'STORE_FAILED',
      `run store ${this.path} holds a malformed ${what}: ${z.prettifyError(parsed.error)}`,
    );
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
