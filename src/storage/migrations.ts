import type Database from 'better-sqlite3';
import { newerSchemaError } from './newer-schema.js';

export interface Migration {
  readonly version: number;
  readonly sql: string;
}

/** Marks the file as ours in the SQLite header ("SWYD"), so another program's database is never migrated. */
export const APPLICATION_ID = 0x53575944;

/** Append-only: a published migration never changes; a schema change is a new entry. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      PRAGMA application_id = ${APPLICATION_ID};
      CREATE TABLE runs (
        id TEXT PRIMARY KEY NOT NULL,
        workflow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        input TEXT,
        output TEXT,
        error TEXT,
        parent_run TEXT,
        fork_seq INTEGER,
        parent_node TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        imported INTEGER NOT NULL DEFAULT 0,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE workflows (
        run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        document TEXT NOT NULL
      ) STRICT;
      CREATE TABLE events (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        node TEXT,
        data TEXT,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID, STRICT;
      CREATE TABLE checkpoints (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state TEXT,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID, STRICT;
      CREATE INDEX runs_by_started ON runs (started_at DESC, id);
      CREATE INDEX runs_by_status ON runs (status, started_at DESC, id);
      CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at DESC, id);
      CREATE INDEX runs_by_parent ON runs (parent_run, started_at DESC, id);
    `,
  },
  {
    // Workflow documents are stored once, by content, however many runs use them. Documents of
    // runs stored before keep a key of their own ("run:" + run id): SQL has no hash function.
    version: 2,
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY NOT NULL,
        document TEXT NOT NULL
      ) STRICT;
      ALTER TABLE runs ADD COLUMN document_id TEXT REFERENCES documents (id);
      INSERT INTO documents (id, document) SELECT 'run:' || run_id, document FROM workflows;
      UPDATE runs SET document_id = 'run:' || id WHERE id IN (SELECT run_id FROM workflows);
      DROP TABLE workflows;
    `,
  },
  {
    // Each appended batch of events is one row (at most 256 events: BATCH_CAP in event-batches.ts),
    // `events` a JSON array of [at, type, node, data] whose seqs run first_seq..last_seq. Old
    // events move in rows of up to 256; data that is not JSON stays a string and fails on read.
    // A rowid table on purpose: a batch is kilobytes of JSON, and a WITHOUT ROWID row over ~1 KB
    // spills into an overflow page of its own (twice the cost of an append of 22 events).
    version: 3,
    sql: `
      CREATE TABLE event_batches (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        events TEXT NOT NULL,
        PRIMARY KEY (run_id, first_seq)
      ) STRICT;
      INSERT INTO event_batches (run_id, first_seq, last_seq, events)
        SELECT run_id, min(seq), max(seq), json_group_array(
            json_array(at, type, node, CASE WHEN json_valid(data) THEN json(data) ELSE data END) ORDER BY seq)
        FROM events GROUP BY run_id, (seq - 1) / 256;
      DROP TABLE events;
    `,
  },
  {
    // Ownership: at most one process drives a run at a time (a lease row per driven run; no
    // foreign key, since a run is claimed just before its first write creates it). wake_at is
    // when a waiting run's earliest timer falls due, for claimDue; runs stored before start
    // without one (resume still lists them).
    version: 4,
    sql: `
      CREATE TABLE leases (
        run_id TEXT PRIMARY KEY NOT NULL,
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE runs ADD COLUMN wake_at TEXT;
      CREATE INDEX runs_due ON runs (status, wake_at) WHERE parent_node IS NULL AND imported = 0;
    `,
  },
  {
    // Triggers (issue 14). A triggered run records its trigger (JSON) and, as columns, the trigger
    // id and key (a schedule's fire time, a webhook's Idempotency-Key): one run per (workflow,
    // trigger, key), whichever process starts it. Schedules keep their next fire time here, and
    // `switchyard deploy` its workflows for the workers.
    version: 5,
    sql: `
      ALTER TABLE runs ADD COLUMN trigger TEXT;
      ALTER TABLE runs ADD COLUMN trigger_id TEXT;
      ALTER TABLE runs ADD COLUMN trigger_key TEXT;
      CREATE UNIQUE INDEX runs_by_trigger_key ON runs (workflow_id, trigger_id, trigger_key)
        WHERE trigger_key IS NOT NULL;
      CREATE INDEX runs_by_trigger ON runs (trigger_id, started_at DESC, id) WHERE trigger_id IS NOT NULL;
      CREATE TABLE schedule_states (
        workflow_id TEXT NOT NULL,
        trigger_id TEXT NOT NULL,
        signature TEXT NOT NULL,
        next_fire_at TEXT,
        pending INTEGER NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (workflow_id, trigger_id)
      ) WITHOUT ROWID, STRICT;
      CREATE TABLE deployed_workflows (
        id TEXT PRIMARY KEY NOT NULL,
        document TEXT NOT NULL,
        deployed_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Brings the schema up to date; safe when several processes open a new file at once. */
export function migrate(db: Database.Database, path: string): void {
  const run = db.transaction(() => {
    // Re-read under the write lock: another process may have migrated since we looked.
    const current = schemaVersion(db);
    if (current > SCHEMA_VERSION) throw newerSchemaError(path, current, SCHEMA_VERSION);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  run.immediate();
}
