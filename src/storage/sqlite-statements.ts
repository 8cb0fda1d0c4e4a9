import type Database from 'better-sqlite3';
import type { RunOrder } from '#shared';
import type { RunFilter } from '../engine/ports.js';
import { BATCH_CAP } from './event-batches.js';
import type { EventBatchRow } from './event-batches.js';
import type { EncodedUpdate, RunRow } from '../engine/store/run-rows.js';

const RUN_COLUMNS = `id, workflow_id AS workflowId, version, status, input, output, error,
  parent_run AS parentRun, fork_seq AS forkSeq, parent_node AS parentNode,
  started_at AS startedAt, ended_at AS endedAt, imported, last_seq AS lastSeq, wake_at AS wakeAt,
  trigger, trigger_id AS triggerId, trigger_key AS triggerKey`;

type ListParams = {
  status?: string;
  workflowId?: string;
  parentRun?: string;
  trigger?: string;
  /** ISO time unfinished runs are measured to (duration orders). */
  now: string;
  limit: number;
};

// In whole milliseconds: julianday differences carry float noise that would break ties.
const DURATION = 'round((julianday(coalesce(ended_at, @now)) - julianday(started_at)) * 86400000)';
/** listRuns' ORDER BY per RunOrder; ties newest first. */
const ORDER_BY: Record<RunOrder, string> = {
  newest: 'started_at DESC, id',
  oldest: 'started_at, id',
  longest: `${DURATION} DESC, started_at DESC, id`,
  shortest: `${DURATION}, started_at DESC, id`,
};
type ScheduleParams = { workflowId: string; triggerId: string };

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  const listCache = new Map<string, Database.Statement<[ListParams]>>();
  return {
    /** Group commit: one IMMEDIATE transaction (the write lock up front) shared by many writes. */
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    insertRun: db.prepare<[RunRow & { documentId: string }]>(
      `INSERT INTO runs (id, workflow_id, version, status, input, output, error, parent_run, fork_seq,
         parent_node, started_at, ended_at, imported, last_seq, wake_at, document_id, trigger, trigger_id, trigger_key)
       VALUES (@id, @workflowId, @version, @status, @input, @output, @error, @parentRun, @forkSeq,
         @parentNode, @startedAt, @endedAt, @imported, @lastSeq, @wakeAt, @documentId, @trigger, @triggerId, @triggerKey)`,
    ),
    triggeredRun: db.prepare<[{ workflowId: string; triggerId: string; triggerKey: string }]>(
      `SELECT ${RUN_COLUMNS} FROM runs
       WHERE workflow_id = @workflowId AND trigger_id = @triggerId AND trigger_key = @triggerKey`,
    ),
    scheduleState: db.prepare<[ScheduleParams]>(
      `SELECT signature, next_fire_at AS nextFireAt, pending, version FROM schedule_states
       WHERE workflow_id = @workflowId AND trigger_id = @triggerId`,
    ),
    insertScheduleState: db.prepare<
      [ScheduleParams & { signature: string; nextFireAt: string | null; pending: 0 | 1 }]
    >(
      `INSERT INTO schedule_states (workflow_id, trigger_id, signature, next_fire_at, pending, version)
       VALUES (@workflowId, @triggerId, @signature, @nextFireAt, @pending, 1) ON CONFLICT DO NOTHING`,
    ),
    updateScheduleState: db.prepare<
      [ScheduleParams & { signature: string; nextFireAt: string | null; pending: 0 | 1; expected: number }]
    >(
      `UPDATE schedule_states SET signature = @signature, next_fire_at = @nextFireAt, pending = @pending,
         version = version + 1
       WHERE workflow_id = @workflowId AND trigger_id = @triggerId AND version = @expected`,
    ),
    deploy: db.prepare<[string, string, string]>(
      `INSERT INTO deployed_workflows (id, document, deployed_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET document = excluded.document, deployed_at = excluded.deployed_at`,
    ),
    undeploy: db.prepare<[string]>('DELETE FROM deployed_workflows WHERE id = ?'),
    deployed: db.prepare('SELECT document, deployed_at AS deployedAt FROM deployed_workflows ORDER BY id'),
    /** Documents are keyed by content: the runs of one workflow version share a row. */
    insertDocument: db.prepare<[string, string]>(
      'INSERT INTO documents (id, document) VALUES (?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    /** Drops a document no run uses any more (a scan of runs: deletes are rare, inserts are not). */
    deleteUnusedDocument: db.prepare<[{ id: string }]>(
      'DELETE FROM documents WHERE id = @id AND NOT EXISTS (SELECT 1 FROM runs WHERE document_id = @id)',
    ),
    documentId: db.prepare<[string]>('SELECT document_id FROM runs WHERE id = ?').pluck(),
    // Positional parameters: bound once per batch of events, the hottest statement of all.
    insertBatch: db.prepare<[string, EventBatchRow['firstSeq'], EventBatchRow['lastSeq'], EventBatchRow['events']]>(
      'INSERT INTO event_batches (run_id, first_seq, last_seq, events) VALUES (?, ?, ?, ?)',
    ),
    updateRun: db.prepare<[EncodedUpdate & { id: string; lastSeq: number }]>(
      `UPDATE runs SET
         status = coalesce(@status, status),
         output = CASE WHEN @setOutput = 1 THEN @output ELSE output END,
         error = coalesce(@error, error),
         ended_at = coalesce(@endedAt, ended_at),
         wake_at = CASE WHEN @setWakeAt = 1 THEN @wakeAt ELSE wake_at END,
         last_seq = @lastSeq
       WHERE id = @id`,
    ),
    /** The common append: only last_seq moves, so no indexed column is written. */
    setLastSeq: db.prepare<[number, string]>('UPDATE runs SET last_seq = ? WHERE id = ?'),
    lastSeq: db.prepare<[string]>('SELECT last_seq FROM runs WHERE id = ?').pluck(),
    /** What an append checks, in one read: the run's last seq, status, wake time and lease holder. */
    runHead: db.prepare<[string]>(
      `SELECT r.last_seq AS lastSeq, r.status, r.wake_at AS wakeAt, l.owner AS owner
       FROM runs r LEFT JOIN leases l ON l.run_id = r.id WHERE r.id = ?`,
    ),
    /** Takes the lease when it is free, expired, or already the owner's (then extends it). */
    claim: db.prepare<[{ runId: string; owner: string; expiresAt: number; now: number }]>(
      `INSERT INTO leases (run_id, owner, expires_at) VALUES (@runId, @owner, @expiresAt)
       ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= @now`,
    ),
    renew: db.prepare<[number, string, string]>('UPDATE leases SET expires_at = ? WHERE run_id = ? AND owner = ?'),
    release: db.prepare<[string, string]>('DELETE FROM leases WHERE run_id = ? AND owner = ?'),
    dropLease: db.prepare<[string]>('DELETE FROM leases WHERE run_id = ?'),
    liveLease: db.prepare<[string, number]>(
      'SELECT owner, expires_at AS expiresAt FROM leases WHERE run_id = ? AND expires_at > ?',
    ),
    /** Top-level, non-imported runs to drive with no live lease: interrupted, or waiting with a due wake time. */
    dueRuns: db
      .prepare<[{ now: number; nowIso: string; limit: number }]>(
        `SELECT id FROM runs r
         WHERE parent_node IS NULL AND imported = 0
           AND (status = 'running' OR (status = 'waiting' AND wake_at <= @nowIso))
           AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.run_id = r.id AND l.expires_at > @now)
         ORDER BY started_at, id LIMIT @limit`,
      )
      .pluck(),
    run: db.prepare<[string]>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    workflow: db
      .prepare<[string]>('SELECT d.document FROM runs r JOIN documents d ON d.id = r.document_id WHERE r.id = ?')
      .pluck(),
    /** The rows holding seqs from..to (run id, from, to): no row is longer than BATCH_CAP. */
    eventBatches: db.prepare<[string, number, number]>(
      `SELECT first_seq AS firstSeq, last_seq AS lastSeq, events FROM event_batches
       WHERE run_id = ? AND first_seq > ? - ${BATCH_CAP} AND first_seq <= ? ORDER BY first_seq`,
    ),
    checkpoint: db.prepare<[string, number]>(
      'SELECT seq, state FROM checkpoints WHERE run_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ),
    putCheckpoint: db.prepare<[string, number, string | null]>(
      `INSERT INTO checkpoints (run_id, seq, state) VALUES (?, ?, ?)
       ON CONFLICT (run_id, seq) DO UPDATE SET state = excluded.state`,
    ),
    deleteRun: db.prepare<[string]>('DELETE FROM runs WHERE id = ?'),
    /** One statement per combination of filters, so each can use its index (an `IS NULL OR` cannot). */
    listRuns(filter: RunFilter): Database.Statement<[ListParams]> {
      const where = [
        filter.status !== undefined ? 'status = @status' : '',
        filter.workflowId !== undefined ? 'workflow_id = @workflowId' : '',
        filter.parentRun !== undefined ? 'parent_run = @parentRun' : '',
        filter.trigger !== undefined ? 'trigger_id = @trigger' : '',
      ].filter((clause) => clause !== '');
      const clauses = where.join(' AND ');
      const orderBy = ORDER_BY[filter.order ?? 'newest'];
      const key = `${clauses}|${orderBy}`;
      let statement = listCache.get(key);
      if (statement === undefined) {
        statement = db.prepare<[ListParams]>(
          `SELECT ${RUN_COLUMNS} FROM runs ${clauses === '' ? '' : `WHERE ${clauses}`}
           ORDER BY ${orderBy} LIMIT @limit`,
        );
        listCache.set(key, statement);
      }
      return statement;
    },
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
