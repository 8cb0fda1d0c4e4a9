import type { QueryConfig } from 'pg';
import type { RunFilter } from '../engine/ports.js';
import type { EncodedUpdate, RunRow } from '../engine/store/run-rows.js';
import { BATCH_CAP, type EventBatchRow } from './event-batches.js';

/**
 * The SQL of PostgresRunStore. The statements of the hot path are named, so that each connection
 * parses and plans them once. Rows come back in the column names of the shared row schemas.
 */

export const RUN_COLUMNS = `id, workflow_id AS "workflowId", version, status, input, output, error,
  parent_run AS "parentRun", fork_seq AS "forkSeq", parent_node AS "parentNode",
  started_at AS "startedAt", ended_at AS "endedAt", imported::int AS imported, last_seq AS "lastSeq",
  wake_at AS "wakeAt", trigger, trigger_id AS "triggerId", trigger_key AS "triggerKey"`;

/** Batches as three parallel arrays, so that one statement inserts however many there are. */
function batchArrays(rows: readonly EventBatchRow[]): [number[], number[], string[]] {
  return [rows.map((row) => row.firstSeq), rows.map((row) => row.lastSeq), rows.map((row) => row.events)];
}

const UNNEST_BATCHES = 'unnest($2::int[], $3::int[], $4::text[]) AS b (first_seq, last_seq, events)';

/**
 * Document, run and first events in one statement (one round trip); `created` is 0 when the id
 * was taken, and then nothing is written (the events join only a run row this statement inserted).
 */
export function insertRun(row: RunRow, documentId: string, document: string, batches: readonly EventBatchRow[]) {
  return {
    name: 'switchyard-insert-run',
    text: `WITH document AS (
             INSERT INTO documents (id, document) VALUES ($5, $6) ON CONFLICT (id) DO NOTHING
           ), run AS (
             INSERT INTO runs (id, workflow_id, version, status, input, output, error, parent_run, fork_seq,
               parent_node, started_at, ended_at, imported, last_seq, wake_at, document_id,
               trigger, trigger_id, trigger_key)
             VALUES ($1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $5, $21, $22, $23)
             ON CONFLICT (id) DO NOTHING
             RETURNING id
           ), batches AS (
             INSERT INTO event_batches (run_id, first_seq, last_seq, events)
             SELECT run.id, b.first_seq, b.last_seq, b.events FROM run, ${UNNEST_BATCHES}
           )
           SELECT count(*)::int AS created FROM run`,
    values: [
      row.id,
      ...batchArrays(batches),
      documentId,
      document,
      row.workflowId,
      row.version,
      row.status,
      row.input,
      row.output,
      row.error,
      row.parentRun,
      row.forkSeq,
      row.parentNode,
      row.startedAt,
      row.endedAt,
      row.imported === 1,
      row.lastSeq,
      row.wakeAt,
      row.trigger,
      row.triggerId,
      row.triggerKey,
    ],
  } satisfies QueryConfig;
}

/**
 * What an append checks, read under locks held to its commit: the run row (so concurrent appends
 * to one run queue up and see each other's last_seq) and its lease row (so no claim slips in
 * between the check and the commit). NO KEY UPDATE: it leaves foreign key checks (checkpoints)
 * unblocked.
 */
export function runHead(runId: string) {
  return {
    name: 'switchyard-run-head',
    text: `SELECT r.last_seq AS "lastSeq",
             (SELECT l.owner FROM leases l WHERE l.run_id = r.id FOR SHARE) AS owner
           FROM runs r WHERE r.id = $1 FOR NO KEY UPDATE OF r`,
    values: [runId],
  } satisfies QueryConfig;
}

/** The events, the run update and (with `release`) the end of the owner's lease, in one statement. */
export function appendEvents(
  runId: string,
  batches: readonly EventBatchRow[],
  update: EncodedUpdate,
  lastSeq: number,
  released: string | undefined,
) {
  return {
    name: 'switchyard-append',
    text: `WITH batches AS (
             INSERT INTO event_batches (run_id, first_seq, last_seq, events)
             SELECT $1, b.first_seq, b.last_seq, b.events FROM ${UNNEST_BATCHES}
           ), released AS (
             DELETE FROM leases WHERE run_id = $1 AND owner = $5::text
           )
           UPDATE runs SET
             status = coalesce($6::text, status),
             output = CASE WHEN $7::boolean THEN $8::text ELSE output END,
             error = coalesce($9::text, error),
             ended_at = coalesce($10::text, ended_at),
             wake_at = CASE WHEN $11::boolean THEN $12::text ELSE wake_at END,
             last_seq = $13
           WHERE id = $1`,
    values: [
      runId,
      ...batchArrays(batches),
      released ?? null,
      update.status,
      update.setOutput === 1,
      update.output,
      update.error,
      update.endedAt,
      update.setWakeAt === 1,
      update.wakeAt,
      lastSeq,
    ],
  } satisfies QueryConfig;
}

export const selectRun = (runId: string) =>
  ({
    name: 'switchyard-run',
    text: `SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`,
    values: [runId],
  }) satisfies QueryConfig;

export const selectLastSeq = (runId: string) =>
  ({
    name: 'switchyard-last-seq',
    text: 'SELECT last_seq AS "lastSeq" FROM runs WHERE id = $1',
    values: [runId],
  }) satisfies QueryConfig;

export const selectWorkflow = (runId: string) =>
  ({
    name: 'switchyard-workflow',
    text: 'SELECT d.document FROM runs r JOIN documents d ON d.id = r.document_id WHERE r.id = $1',
    values: [runId],
  }) satisfies QueryConfig;

/** The rows holding seqs from..to: no row is longer than BATCH_CAP. Bounds are bigint: `to` may exceed int. */
export const selectEventBatches = (runId: string, from: number, to: number) =>
  ({
    name: 'switchyard-event-batches',
    text: `SELECT first_seq AS "firstSeq", last_seq AS "lastSeq", events FROM event_batches
           WHERE run_id = $1 AND first_seq > $2::bigint - ${BATCH_CAP} AND first_seq <= $3::bigint
           ORDER BY first_seq`,
    values: [runId, from, to],
  }) satisfies QueryConfig;

/**
 * Filters become clauses only when given, so each combination can use its index. `nowMs`: the
 * time runs that have not ended are measured to (duration orders).
 */
export function selectRuns(filter: RunFilter, nowMs: number): QueryConfig {
  const values: unknown[] = [];
  const where: string[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    values.push(value);
    where.push(`${column} = $${values.length}`);
  };
  add('status', filter.status);
  add('workflow_id', filter.workflowId);
  add('parent_run', filter.parentRun);
  add('trigger_id', filter.trigger);
  const order = filter.order ?? 'newest';
  // Ties (and the default) newest first.
  let orderBy = order === 'oldest' ? 'started_at, id' : 'started_at DESC, id';
  if (order === 'longest' || order === 'shortest') {
    values.push(new Date(nowMs).toISOString());
    const duration = `coalesce(ended_at, $${values.length})::timestamptz - started_at::timestamptz`;
    orderBy = `${duration}${order === 'longest' ? ' DESC' : ''}, ${orderBy}`;
  }
  values.push(filter.limit ?? null);
  return {
    text: `SELECT ${RUN_COLUMNS} FROM runs ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
           ORDER BY ${orderBy} LIMIT $${values.length}`,
    values,
  };
}

export const selectCheckpoint = (runId: string, seq: number) =>
  ({
    text: 'SELECT seq, state FROM checkpoints WHERE run_id = $1 AND seq <= $2::bigint ORDER BY seq DESC LIMIT 1',
    values: [runId, seq],
  }) satisfies QueryConfig;

export const upsertCheckpoint = (runId: string, seq: number, state: string | null) =>
  ({
    text: `INSERT INTO checkpoints (run_id, seq, state) VALUES ($1, $2, $3)
           ON CONFLICT (run_id, seq) DO UPDATE SET state = excluded.state`,
    values: [runId, seq, state],
  }) satisfies QueryConfig;

export const deleteRunRow = (runId: string) =>
  ({
    text: 'DELETE FROM runs WHERE id = $1 RETURNING document_id AS "documentId"',
    values: [runId],
  }) satisfies QueryConfig;

/** Drops a document no run uses any more (a scan of runs: deletes are rare, inserts are not). */
export const deleteUnusedDocument = (documentId: string) =>
  ({
    text: 'DELETE FROM documents WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM runs WHERE document_id = $1)',
    values: [documentId],
  }) satisfies QueryConfig;

export const dropLease = (runId: string) =>
  ({ text: 'DELETE FROM leases WHERE run_id = $1', values: [runId] }) satisfies QueryConfig;

/** Takes the lease when it is free, expired, or already the owner's (then extends it). */
export const claimLease = (runId: string, owner: string, expiresAt: number, now: number) =>
  ({
    name: 'switchyard-claim',
    text: `INSERT INTO leases (run_id, owner, expires_at) VALUES ($1, $2, $3)
           ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE leases.owner = excluded.owner OR leases.expires_at <= $4`,
    values: [runId, owner, expiresAt, now],
  }) satisfies QueryConfig;

export const renewLease = (runId: string, owner: string, expiresAt: number) =>
  ({
    name: 'switchyard-renew',
    text: 'UPDATE leases SET expires_at = $3 WHERE run_id = $1 AND owner = $2',
    values: [runId, owner, expiresAt],
  }) satisfies QueryConfig;

export const releaseLease = (runId: string, owner: string) =>
  ({
    name: 'switchyard-release',
    text: 'DELETE FROM leases WHERE run_id = $1 AND owner = $2',
    values: [runId, owner],
  }) satisfies QueryConfig;

/** The holder of a run's lease row, live or expired (createRun names it when it refuses the id). */
export const selectLeaseHolder = (runId: string) =>
  ({ text: 'SELECT owner FROM leases WHERE run_id = $1', values: [runId] }) satisfies QueryConfig;

export const selectLiveLease = (runId: string, now: number) =>
  ({
    text: 'SELECT owner, expires_at::float8 AS "expiresAt" FROM leases WHERE run_id = $1 AND expires_at > $2',
    values: [runId, now],
  }) satisfies QueryConfig;

/**
 * Claims up to `limit` runs to drive (top-level, not imported, interrupted or due, no live lease)
 * in one statement. SKIP LOCKED: runs that another claimDue or an append holds are passed over
 * instead of waited for, so workers polling at once take different runs. The lease upsert's
 * condition catches a claim that committed after this statement's snapshot (the scan still saw
 * its run free): such runs count in `due` but not in `runIds`, and claimDue looks again.
 */
export const claimDueRuns = (owner: string, nowIso: string, leaseNow: number, expiresAt: number, limit: number) =>
  ({
    name: 'switchyard-claim-due',
    text: `WITH due AS (
             SELECT r.id, r.started_at FROM runs r
             WHERE r.parent_node IS NULL AND NOT r.imported
               AND (r.status = 'running' OR (r.status = 'waiting' AND r.wake_at <= $2))
               AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.run_id = r.id AND l.expires_at > $3)
             ORDER BY r.started_at, r.id
             LIMIT $5
             FOR NO KEY UPDATE OF r SKIP LOCKED
           ),
           claimed AS (
             INSERT INTO leases (run_id, owner, expires_at) SELECT id, $1, $4 FROM due
             ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
             WHERE leases.owner = excluded.owner OR leases.expires_at <= $3
             RETURNING run_id
           )
           -- "due" counts the runs this statement found; those it did not claim were taken by a
           -- claimer that committed after this statement's snapshot (the caller tries again).
           SELECT (SELECT count(*)::int FROM due) AS "due",
                  coalesce((SELECT array_agg(run_id) FROM claimed), '{}') AS "runIds"`,
    values: [owner, nowIso, leaseNow, expiresAt, limit],
  }) satisfies QueryConfig;
