import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '#shared';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { describeRunStoreContract } from './run-store.contract.js';
import { makeEvents, makeRun, workflow } from './run-store.fixtures.js';
import { SqliteRunStore } from './sqlite-run-store.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
let counter = 0;
const freshPath = (): string => join(dir, `store-${++counter}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeRunStoreContract('SqliteRunStore', (options) => SqliteRunStore.open(freshPath(), options));

function openError(path: string, options?: { readonly?: boolean }): SwitchyardError {
  try {
    SqliteRunStore.open(path, options).close();
  } catch (err) {
    if (err instanceof SwitchyardError) return err;
    throw err;
  }
  throw new Error(`expected opening ${path} to fail`);
}

function raw(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe('SqliteRunStore on disk', () => {
  const stores: SqliteRunStore[] = [];
  const open = (path: string, options?: { readonly?: boolean }): SqliteRunStore => {
    const store = SqliteRunStore.open(path, options);
    stores.push(store);
    return store;
  };
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  it('creates a WAL database with the current schema version and our application id', async () => {
    const path = freshPath();
    await open(path).createRun(makeRun('r1'), workflow);
    raw(path, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual([
        'checkpoints',
        'deployed_workflows',
        'documents',
        'event_batches',
        'leases',
        'runs',
        'schedule_states',
      ]);
    });
  });

  it('shares data between two open instances of the same file, both ways', async () => {
    const path = freshPath();
    const first = open(path);
    const second = open(path);
    await first.createRun(makeRun('r1'), workflow);
    await first.append('r1', makeEvents(1, 2), { status: 'waiting' });
    expect((await second.getRun('r1'))?.status).toBe('waiting');
    expect(await second.events('r1')).toStrictEqual(makeEvents(1, 2));
    expect(await second.getWorkflow('r1')).toStrictEqual(workflow);
    // The second instance sees the first's history, so it cannot write a clashing seq.
    await expect(second.append('r1', makeEvents(2, 2))).rejects.toThrow('expected seq 3, got 2');
    await second.append('r1', makeEvents(3, 3), { status: 'completed', output: { ok: true } });
    expect(await first.events('r1')).toHaveLength(3);
    expect(await first.getRun('r1')).toMatchObject({ status: 'completed', output: { ok: true } });
  });

  it('keeps everything after close and reopen', async () => {
    const path = freshPath();
    const store = SqliteRunStore.open(path);
    await store.importRun(makeRun('imp'), workflow, makeEvents(1, 3));
    await store.putCheckpoint('imp', 3, { state: 'x' });
    store.close();
    const again = open(path);
    expect(await again.getRun('imp')).toStrictEqual(makeRun('imp', { imported: true }));
    expect(await again.events('imp')).toStrictEqual(makeEvents(1, 3));
    expect(await again.getCheckpoint('imp', 3)).toEqual({ seq: 3, state: { state: 'x' } });
  });

  it('opens read-only: reads work, writes fail with STORE_FAILED', async () => {
    const path = freshPath();
    await open(path).createRun(makeRun('r1'), workflow);
    const reader = open(path, { readonly: true });
    expect(await reader.getRun('r1')).toStrictEqual(makeRun('r1'));
    await expect(reader.append('r1', makeEvents(1, 1))).rejects.toThrow(SwitchyardError);
    try {
      await reader.append('r1', makeEvents(1, 1));
    } catch (err) {
      expect(err).toMatchObject({ code: 'STORE_FAILED', message: expect.stringContaining('readonly') });
    }
  });

  it('refuses read-only opening of a missing file without creating it', () => {
    const path = freshPath();
    const err = openError(path, { readonly: true });
    expect(err.code).toBe('STORE_FAILED');
    expect(err.message).toContain(`cannot open run store ${path}`);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it byte for byte untouched', () => {
    const path = freshPath();
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(path, garbage);
    const err = openError(path);
    expect(err.code).toBe('STORE_FAILED');
    expect(err.message).toBe(`${path} is not a Switchyard run store (file is not a database)`);
    expect(readFileSync(path).equals(garbage)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('refuses a short text file too', () => {
    const path = freshPath();
    writeFileSync(path, 'hello\n');
    expect(openError(path).message).toContain('is not a Switchyard run store');
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
  });

  it("refuses another program's SQLite database and does not migrate it", () => {
    const path = freshPath();
    raw(path, (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'));
    const before = readFileSync(path);
    expect(openError(path).message).toBe(
      `${path} is not a Switchyard run store (it already holds tables of another program)`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);

    const other = freshPath();
    raw(other, (db) => db.pragma('application_id = 1234'));
    expect(openError(other).message).toContain('it belongs to another application, id 1234');
  });

  it('refuses a database written by a newer program', () => {
    const path = freshPath();
    SqliteRunStore.open(path).close();
    raw(path, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 5}`));
    const err = openError(path);
    expect(err.code).toBe('STORE_FAILED');
    expect(err.message).toBe(
      `database ${path} has schema version ${SCHEMA_VERSION + 5}; this program knows up to ${SCHEMA_VERSION}`,
    );
    expect(openError(path, { readonly: true }).message).toContain('this program knows up to');
  });

  it('reports a row it cannot read as STORE_FAILED naming the file', async () => {
    const path = freshPath();
    await open(path).createRun(makeRun('r1'), workflow);
    raw(path, (db) => db.prepare("UPDATE runs SET status = 'exploded' WHERE id = 'r1'").run());
    const store = open(path);
    await expect(store.getRun('r1')).rejects.toThrow(`run store ${path} holds a malformed row of run "r1"`);
  });

  it('stores a workflow document once for all its runs and drops it with its last run', async () => {
    const path = freshPath();
    const store = open(path);
    await store.createRun(makeRun('r1'), workflow);
    await store.createRun(makeRun('r2'), workflow);
    await store.createRun(makeRun('r3'), { ...workflow, version: workflow.version + 1 });
    const documents = (): number => {
      let count = 0;
      raw(path, (db) => (count = Number(db.prepare('SELECT count(*) FROM documents').pluck().get())));
      return count;
    };
    expect(documents()).toBe(2);
    await store.deleteRun('r1');
    expect(await store.getWorkflow('r2')).toStrictEqual(workflow);
    expect(documents()).toBe(2);
    await store.deleteRun('r2');
    expect(documents()).toBe(1);
  });

  it('moves the documents of a schema 1 store into the shared table', async () => {
    const path = freshPath();
    raw(path, (db) => {
      db.exec(MIGRATIONS[0]?.sql ?? '');
      db.pragma('user_version = 1');
      db.prepare(
        `INSERT INTO runs (id, workflow_id, version, status, input, started_at, last_seq)
         VALUES ('old', ?, ?, 'completed', '{}', '2026-01-01T00:00:00.000Z', 0)`,
      ).run(workflow.id, workflow.version);
      db.prepare("INSERT INTO workflows (run_id, document) VALUES ('old', ?)").run(JSON.stringify(workflow));
    });
    const store = open(path);
    expect(await store.getWorkflow('old')).toStrictEqual(workflow);
    await store.createRun(makeRun('new'), workflow);
    expect(await store.getWorkflow('new')).toStrictEqual(workflow);
    await store.deleteRun('old');
    expect(await store.getWorkflow('new')).toStrictEqual(workflow);
  });

  it('reopens an existing store without migrating it again', async () => {
    const path = freshPath();
    await open(path).createRun(makeRun('r1'), workflow);
    const again = open(path);
    await again.createRun(makeRun('r2'), workflow);
    expect((await again.listRuns()).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
  });
});
