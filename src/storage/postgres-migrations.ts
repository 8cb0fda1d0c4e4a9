import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import type { Migration } from './migrations.js';
import { newerSchemaError } from './newer-schema.js';
import { withTransaction } from './postgres-transaction.js';

/**
 * Append-only, like the SQLite migrations: a published entry never changes. Text columns that
 * are compared or sorted (ids, ISO times) use the "C" collation, so that they order byte by byte
 * exactly as in SQLite and the memory store, whatever the database's locale.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE documents (
        id text COLLATE "C" PRIMARY KEY,
        document text NOT NULL
      );
      CREATE TABLE runs (
        id text COLLATE "C" PRIMARY KEY,
        workflow_id text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        status text COLLATE "C" NOT NULL,
        input text,
        output text,
        error text,
        parent_run text COLLATE "C",
        fork_seq integer,
        parent_node text COLLATE "C",
        started_at text COLLATE "C" NOT NULL,
        ended_at text COLLATE "C",
        imported boolean NOT NULL DEFAULT false,
        last_seq integer NOT NULL DEFAULT 0,
        wake_at text COLLATE "C",
        document_id text COLLATE "C" NOT NULL REFERENCES documents (id)
      );
      -- One row per appended batch of events (event-batches.ts): seqs first_seq..last_seq, their
      -- [at, type, node, data] tuples as JSON text. Appends lock the run row and check last_seq,
      -- so batches of one run never overlap and seqs stay gapless.
      CREATE TABLE event_batches (
        run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        first_seq integer NOT NULL,
        last_seq integer NOT NULL,
        events text NOT NULL,
        PRIMARY KEY (run_id, first_seq),
        CHECK (first_seq >= 1 AND last_seq >= first_seq)
      );
      CREATE TABLE checkpoints (
        run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        state text,
        PRIMARY KEY (run_id, seq)
      );
      -- No foreign key: a run may be claimed just before the write that creates it.
      CREATE TABLE leases (
        run_id text COLLATE "C" PRIMARY KEY,
        owner text NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX runs_by_started ON runs (started_at DESC, id);
      CREATE INDEX runs_by_status ON runs (status, started_at DESC, id);
      CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at DESC, id);
      CREATE INDEX runs_by_parent ON runs (parent_run, started_at DESC, id);
      CREATE INDEX runs_due ON runs (status, wake_at) WHERE parent_node IS NULL AND NOT imported;
    `,
  },
  {
    version: 2,
    // Status changes are announced on RUN_CHANGES_CHANNEL (postgres-run-changes.ts), delivered at commit.
    sql: `
      CREATE FUNCTION switchyard_announce_run() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('switchyard_runs', NEW.status || ' ' || NEW.id || ' ' || TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$;
      CREATE TRIGGER runs_announce_new AFTER INSERT ON runs
        FOR EACH ROW EXECUTE FUNCTION switchyard_announce_run();
      CREATE TRIGGER runs_announce_status AFTER UPDATE OF status ON runs
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION switchyard_announce_run();
    `,
  },
  {
    version: 3,
    // Triggers, as SQLite's migration 5: one run per (workflow, trigger, key), schedule states, deployments.
    sql: `
      ALTER TABLE runs ADD COLUMN trigger text;
      ALTER TABLE runs ADD COLUMN trigger_id text COLLATE "C";
      ALTER TABLE runs ADD COLUMN trigger_key text COLLATE "C";
      CREATE UNIQUE INDEX runs_by_trigger_key ON runs (workflow_id, trigger_id, trigger_key)
        WHERE trigger_key IS NOT NULL;
      CREATE INDEX runs_by_trigger ON runs (trigger_id, started_at DESC, id) WHERE trigger_id IS NOT NULL;
      CREATE TABLE schedule_states (
        workflow_id text COLLATE "C" NOT NULL,
        trigger_id text COLLATE "C" NOT NULL,
        signature text NOT NULL,
        next_fire_at text COLLATE "C",
        pending boolean NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (workflow_id, trigger_id)
      );
      CREATE TABLE deployed_workflows (
        id text COLLATE "C" PRIMARY KEY,
        document text NOT NULL,
        deployed_at text NOT NULL
      );
    `,
  },
  {
    version: 4,
    // Appended events are announced on RUN_EVENTS_CHANNEL (`RUN_ID LAST_SEQ SCHEMA`), for live views only:
    // workers listen to status changes alone, so an append wakes no claimer.
    sql: `
      CREATE FUNCTION switchyard_announce_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('switchyard_events', NEW.id || ' ' || NEW.last_seq || ' ' || TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$;
      CREATE TRIGGER runs_announce_events AFTER UPDATE OF last_seq ON runs
        FOR EACH ROW WHEN (OLD.last_seq IS DISTINCT FROM NEW.last_seq) EXECUTE FUNCTION switchyard_announce_events();
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** Which migrations a schema has had, one row each. */
export const VERSIONS_TABLE = 'switchyard_migrations';

/** The advisory lock class of migrations ("SWYD", as the SQLite application id); the object is the schema. */
const LOCK_CLASS = 0x53575944;

const Applied = z.object({ version: z.int().nullable() });

/** The schema version of the connection's current schema (0 when it has none), refusing a newer one. */
async function appliedVersion(client: Pool | PoolClient, store: string): Promise<number> {
  const found = await client.query<{ present: boolean }>(
    `SELECT to_regclass('${VERSIONS_TABLE}') IS NOT NULL AS present`,
  );
  if (found.rows[0]?.present !== true) return 0;
  const result = await client.query(`SELECT max(version) AS version FROM ${VERSIONS_TABLE}`);
  const version = Applied.parse(result.rows[0]).version ?? 0;
  if (version > POSTGRES_SCHEMA_VERSION) throw newerSchemaError(store, version, POSTGRES_SCHEMA_VERSION);
  return version;
}

/**
 * Brings the schema up to date, in one transaction under an advisory lock: two processes opening
 * a new database at once migrate it once. A schema already current is only read (so a user
 * without CREATE rights can open it).
 */
export async function migratePostgres(pool: Pool, store: string): Promise<void> {
  if ((await appliedVersion(pool, store)) === POSTGRES_SCHEMA_VERSION) return;
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_CLASS]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${VERSIONS_TABLE} (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    // Re-read under the lock: another process may have migrated since we looked.
    const current = await appliedVersion(client, store);
    for (const migration of POSTGRES_MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${VERSIONS_TABLE} (version) VALUES ($1)`, [migration.version]);
    }
  });
}
