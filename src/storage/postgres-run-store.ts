import { Pool, type PoolClient, type QueryConfig } from 'pg';
import { z } from 'zod';
import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type {
  AppendOptions,
  CreateRunOptions,
  DeployedWorkflow,
  FullRunStore,
  RunAppend,
  RunChange,
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
import type { NewRun } from '../engine/store/run-rows.js';
import { storedDocument } from './document-id.js';
import { decodeBatch, encodeBatches } from './event-batches.js';
import { postgresStoreError, sqlState } from './postgres-errors.js';
import { postgresLocation, type PostgresLocation } from './postgres-location.js';
import { migratePostgres } from './postgres-migrations.js';
import { watchRunAppends, watchRunChanges, type WatchTarget } from './postgres-run-changes.js';
import { withTransaction } from './postgres-transaction.js';
import * as sql from './postgres-statements.js';
import * as triggerSql from './postgres-trigger-statements.js';

const Created = z.object({ created: z.int() });
const RunHead = z.object({ lastSeq: z.int(), owner: z.string().nullable() });
const LastSeq = z.object({ lastSeq: z.int() });
const Document = z.object({ document: z.string() });
const CheckpointRow = z.object({ seq: z.int(), state: z.string().nullable() });
const DeletedRun = z.object({ documentId: z.string() });
const Holder = z.object({ owner: z.string() });
const LeaseRow = z.object({ owner: z.string(), expiresAt: z.number() });
const ClaimedRuns = z.object({ due: z.int(), runIds: z.array(z.string()) });
/** How often `claimDue` looks again for runs that racing claimers took first (each miss means another claimer moved on). */
const CLAIM_ATTEMPTS = 20;
const Schema = z.object({ schema: z.string() });
const ScheduleRow = z.object({
  signature: z.string(),
  nextFireAt: z.string().nullable(),
  pending: z.boolean(),
  version: z.int(),
});
const DeployedRow = z.object({ document: z.string(), deployedAt: z.string() });
/** A unique index violation: here, a second run for one (workflow, trigger, key). */
const UNIQUE_VIOLATION = '23505';

/** A PostgreSQL foreign key violation: the row referred to (a run) does not exist. */
const FOREIGN_KEY_VIOLATION = '23503';

export interface PostgresRunStoreOptions {
  /** Lease time (ms since the epoch); tests move it. Default Date.now. */
  now?: () => number;
  /** Connections kept open (default 10): concurrent writes each hold one for their transaction. */
  poolSize?: number;
  /** How long connecting (or waiting for a free connection) may take before STORE_FAILED; default 15 s. */
  connectTimeoutMs?: number;
}

/** What a statement returns; rows are checked with zod before use. */
interface Rows {
  rows: unknown[];
  rowCount: number | null;
}

/** Runs one statement, on the pool or on a transaction's connection. */
type Run = (config: QueryConfig) => Promise<Rows>;

/**
 * The run store on PostgreSQL, shared by any number of processes and machines. Same contract as
 * SqliteRunStore; every write is one transaction (an append: lock the run row, check lease and
 * seq, insert the batch and update the run), durable when its promise resolves. Migrations run
 * on open.
 *
 * @example
 * const store = await PostgresRunStore.open('postgres://switchyard@db:5432/switchyard');
 * await store.createRun(run, workflow, [started], { owner: 'host:42:ab', leaseMs: 30_000 });
 * await store.close();
 */
export class PostgresRunStore implements FullRunStore {
  private constructor(
    private readonly pool: Pool,
    private readonly url: string,
    private readonly location: PostgresLocation,
    /** The schema the store's tables live in (its notifications name it). */
    private readonly schema: string,
    private readonly now: () => number,
  ) {}

  /** Connects and migrates; STORE_FAILED (naming the store, never its password) when either fails. */
  static async open(url: string, options: PostgresRunStoreOptions = {}): Promise<PostgresRunStore> {
    const location = postgresLocation(url);
    const pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
      application_name: 'switchyard',
    });
    // A connection that fails while idle in the pool is dropped by it; the next statement reports.
    pool.on('error', () => undefined);
    let schema: string;
    try {
      await migratePostgres(pool, location.label);
      schema = Schema.parse((await pool.query('SELECT current_schema() AS schema')).rows[0]).schema;
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw postgresStoreError(err, location);
    }
    return new PostgresRunStore(pool, url, location, schema, options.now ?? (() => Date.now()));
  }

  /**
   * Status changes of this store's runs by any process (LISTEN/NOTIFY), until the returned
   * function is called; a lost listening connection is logged by `onLost` and ends the watch.
   */
  async watchRuns(
    listener: (change: RunChange) => void,
    onLost: (err: unknown) => void = () => undefined,
  ): Promise<() => Promise<void>> {
    return watchRunChanges(this.watchTarget(), listener, onLost);
  }

  /** Appends to this store's runs by any process (LISTEN/NOTIFY), as watchRuns. */
  async watchAppends(
    listener: (append: RunAppend) => void,
    onLost: (err: unknown) => void = () => undefined,
  ): Promise<() => Promise<void>> {
    return watchRunAppends(this.watchTarget(), listener, onLost);
  }

  private watchTarget(): WatchTarget {
    return { url: this.url, location: this.location, schema: this.schema };
  }

  /** Closes every connection once the statements running now are done. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  async createRun(
    run: NewRun,
    workflow: Workflow,
    events: readonly HistoryEvent[] = [],
    options?: CreateRunOptions,
  ): Promise<void> {
    const lease = initialLease(options);
    await this.insert(toRunRow(run, events.length, run.imported ?? false), workflow, events, lease);
  }

  async importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): Promise<void> {
    await this.insert(toRunRow(run, events.length, true), workflow, events);
  }

  async append(
    runId: string,
    events: readonly HistoryEvent[],
    update?: RunUpdate,
    options?: AppendOptions,
  ): Promise<void> {
    const released = releasedOwner(options);
    const owner = options?.owner;
    // Encoded before a connection is taken; the seq check in the transaction makes the numbering right.
    const encoded = encodeUpdate(runId, update);
    const batches = encodeBatches(runId, events[0]?.seq ?? 1, events);
    await this.transaction(async (client) => {
      const head = this.one(RunHead, await client.query(sql.runHead(runId)), `row of run "${runId}"`);
      if (head === undefined) throw runNotFound(runId, this.location.label);
      assertOwnerMayAppend(runId, owner, head.owner, head.lastSeq, events);
      assertContinues(runId, head.lastSeq, events);
      await client.query(sql.appendEvents(runId, batches, encoded, head.lastSeq + events.length, released));
    });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const row = this.one(RunRow, await this.query(sql.selectRun(runId)), `row of run "${runId}"`);
    return row === undefined ? undefined : toRunRecord(row);
  }

  async getWorkflow(runId: string): Promise<Workflow | undefined> {
    const row = this.one(Document, await this.query(sql.selectWorkflow(runId)), `workflow of run "${runId}"`);
    return row === undefined ? undefined : decodeWorkflow(runId, row.document);
  }

  async listRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    assertLimit(filter.limit);
    const result = await this.query(sql.selectRuns(filter, this.now()));
    return this.all(RunRow, result, 'run row').map(toRunRecord);
  }

  async events(runId: string, fromSeq?: number, toSeq?: number): Promise<HistoryEvent[]> {
    const { from, to } = seqBounds(fromSeq, toSeq);
    if (to < from) return [];
    const result = await this.query(sql.selectEventBatches(runId, from, to));
    const events: HistoryEvent[] = [];
    const source = { store: this.location.label, runId };
    for (const row of result.rows) decodeBatch(row, from, to, events, source);
    return events;
  }

  async lastSeq(runId: string): Promise<number | undefined> {
    return this.one(LastSeq, await this.query(sql.selectLastSeq(runId)), `last seq of run "${runId}"`)?.lastSeq;
  }

  async getCheckpoint(runId: string, seq: number): Promise<{ seq: number; state: unknown } | undefined> {
    const what = `checkpoint of run "${runId}"`;
    const row = this.one(CheckpointRow, await this.query(sql.selectCheckpoint(runId, seq)), what);
    if (row === undefined) return undefined;
    return { seq: row.seq, state: decodeJson(row.state, `checkpoint ${row.seq} of run "${runId}"`) };
  }

  async putCheckpoint(runId: string, seq: number, state: unknown): Promise<void> {
    const text = encodeJson(state, `checkpoint ${seq} of run "${runId}"`);
    try {
      await this.pool.query(sql.upsertCheckpoint(runId, seq, text));
    } catch (err) {
      if (sqlState(err) === FOREIGN_KEY_VIOLATION) throw runNotFound(runId, this.location.label);
      throw postgresStoreError(err, this.location);
    }
  }

  async deleteRun(runId: string): Promise<void> {
    await this.transaction(async (client) => {
      // Event batches and checkpoints go with the run (ON DELETE CASCADE); its document when no other run uses it.
      const deleted = this.one(DeletedRun, await client.query(sql.deleteRunRow(runId)), `row of run "${runId}"`);
      if (deleted === undefined) throw runNotFound(runId, this.location.label);
      await client.query(sql.deleteUnusedDocument(deleted.documentId));
      await client.query(sql.dropLease(runId));
    });
  }

  async claim(runId: string, owner: string, leaseMs: number): Promise<boolean> {
    assertLeaseMs(leaseMs);
    const now = this.now();
    const result = await this.query(sql.claimLease(runId, owner, now + leaseMs, now));
    return (result.rowCount ?? 0) > 0;
  }

  async renew(runId: string, owner: string, leaseMs: number): Promise<boolean> {
    assertLeaseMs(leaseMs);
    const result = await this.query(sql.renewLease(runId, owner, this.now() + leaseMs));
    return (result.rowCount ?? 0) > 0;
  }

  async release(runId: string, owner: string): Promise<void> {
    await this.query(sql.releaseLease(runId, owner));
  }

  async leaseOf(runId: string): Promise<RunLease | undefined> {
    const row = this.one(LeaseRow, await this.query(sql.selectLiveLease(runId, this.now())), `lease of run "${runId}"`);
    return row === undefined ? undefined : { owner: row.owner, expiresAt: new Date(row.expiresAt).toISOString() };
  }

  async claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<string[]> {
    assertLimit(limit);
    assertLeaseMs(leaseMs);
    // `now` is what wake times are compared with; leases expire by the store's own clock.
    const nowIso = new Date(now).toISOString();
    const claimed: string[] = [];
    // A run another claimer took after this statement's snapshot is found but not claimed: look
    // again (a fresh snapshot) for the rest, so that racing workers never come back short.
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS && claimed.length < limit; attempt++) {
      const leaseNow = this.now();
      const statement = sql.claimDueRuns(owner, nowIso, leaseNow, leaseNow + leaseMs, limit - claimed.length);
      const result = this.one(ClaimedRuns, await this.query(statement), 'claimed runs');
      if (result === undefined) break;
      claimed.push(...result.runIds);
      if (result.runIds.length === result.due) break;
    }
    return claimed;
  }

  private async insert(
    row: RunRow,
    workflow: Workflow,
    events: readonly HistoryEvent[],
    lease?: InitialLease,
  ): Promise<void> {
    assertContinues(row.id, 0, events);
    const { document, documentId } = storedDocument(row.id, workflow);
    const statement = sql.insertRun(row, documentId, document, encodeBatches(row.id, 1, events));
    const create = async (run: Run) => {
      let result: Rows;
      try {
        result = await run(statement);
      } catch (err) {
        if (row.triggerKey !== null && sqlState(err) === UNIQUE_VIOLATION) throw triggerConflict(row);
        throw err;
      }
      const created = this.one(Created, result, `new run "${row.id}"`);
      if (created?.created !== 1) throw runConflict(row.id);
    };
    // Without a lease the insert is one statement, atomic on its own.
    if (lease === undefined)
      return create((config) => this.pool.query(config)).catch((err: unknown) => {
        throw postgresStoreError(err, this.location);
      });
    await this.transaction(async (client) => {
      await create((config) => client.query(config));
      const now = this.now();
      const claimed = await client.query(sql.claimLease(row.id, lease.owner, now + lease.leaseMs, now));
      if ((claimed.rowCount ?? 0) > 0) return;
      const holder = this.one(Holder, await client.query(sql.selectLeaseHolder(row.id)), `lease of run "${row.id}"`);
      throw createLeaseConflict(row.id, lease.owner, holder?.owner ?? 'another owner');
    });
  }

  async scheduleState(workflowId: string, triggerId: string): Promise<ScheduleState | undefined> {
    const result = await this.query(triggerSql.selectScheduleState(workflowId, triggerId));
    return this.one(ScheduleRow, result, `schedule state of ${workflowId}/${triggerId}`);
  }

  async putScheduleState(
    workflowId: string,
    triggerId: string,
    state: Omit<ScheduleState, 'version'>,
    expectedVersion: number,
  ): Promise<boolean> {
    const result = await this.query(triggerSql.putScheduleState(workflowId, triggerId, state, expectedVersion));
    return (result.rowCount ?? 0) > 0;
  }

  async triggeredRun(workflowId: string, triggerId: string, key: string): Promise<RunRecord | undefined> {
    const result = await this.query(triggerSql.selectTriggeredRun(workflowId, triggerId, key));
    const row = this.one(RunRow, result, 'triggered run row');
    return row === undefined ? undefined : toRunRecord(row);
  }

  async deployWorkflow(workflow: Workflow, deployedAt: string): Promise<void> {
    const document = encodeJson(workflow, `deployed workflow ${workflow.id}`) ?? 'null';
    await this.query(triggerSql.upsertDeployed(workflow.id, document, deployedAt));
  }

  async undeployWorkflow(workflowId: string): Promise<boolean> {
    return ((await this.query(triggerSql.deleteDeployed(workflowId))).rowCount ?? 0) > 0;
  }

  async deployedWorkflows(): Promise<DeployedWorkflow[]> {
    return this.all(DeployedRow, await this.query(triggerSql.selectDeployed()), 'deployed workflow').map((row) => ({
      workflow: decodeDocument(row.document, 'a deployed workflow'),
      deployedAt: row.deployedAt,
    }));
  }

  private async query(config: QueryConfig): Promise<Rows> {
    try {
      return await this.pool.query(config);
    } catch (err) {
      throw postgresStoreError(err, this.location);
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await withTransaction(this.pool, work);
    } catch (err) {
      throw postgresStoreError(err, this.location);
    }
  }

  private one<T>(schema: z.ZodType<T>, result: Rows, what: string): T | undefined {
    const row = result.rows[0];
    return row === undefined ? undefined : this.parse(schema, row, what);
  }

  private all<T>(schema: z.ZodType<T>, result: Rows, what: string): T[] {
    return result.rows.map((row) => this.parse(schema, row, what));
  }

  private parse<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    throw malformedIn(this.location.label, what, z.prettifyError(parsed.error));
  }
}
