import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '#shared';
import { BATCH_CAP } from './event-batches.js';
import { MIGRATIONS } from './migrations.js';
import { makeEvent, makeEvents, makeRun, rejected, workflow } from './run-store.fixtures.js';
import { SqliteRunStore } from './sqlite-run-store.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-batches-'));
let counter = 0;
const freshPath = (): string => join(dir, `batches-${++counter}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function raw<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** first_seq..last_seq of each stored row of a run. */
function storedRows(path: string, runId: string): number[][] {
  return raw(path, (db) =>
    db
      .prepare<[string]>('SELECT first_seq, last_seq FROM event_batches WHERE run_id = ? ORDER BY first_seq')
      .raw()
      .all(runId),
  ) as number[][];
}

describe('SqliteRunStore event batches', () => {
  const stores: SqliteRunStore[] = [];
  const open = (path: string): SqliteRunStore => {
    const store = SqliteRunStore.open(path);
    stores.push(store);
    return store;
  };
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  it(`stores an append as one row, split every ${BATCH_CAP} events`, async () => {
    const path = freshPath();
    const store = open(path);
    await store.createRun(makeRun('r1'), workflow, makeEvents(1, 3));
    await store.append('r1', makeEvents(4, 4));
    expect(storedRows(path, 'r1')).toEqual([
      [1, 3],
      [4, 4],
    ]);
    await store.importRun(makeRun('long'), workflow, makeEvents(1, 600));
    await store.append('long', makeEvents(601, 900));
    expect(storedRows(path, 'long')).toEqual([
      [1, 256],
      [257, 512],
      [513, 600],
      [601, 856],
      [857, 900],
    ]);
  });

  it('reads any seq range of a history split over several rows', async () => {
    const store = open(freshPath());
    const all = makeEvents(1, 900);
    await store.importRun(makeRun('long'), workflow, all.slice(0, 600));
    await store.append('long', all.slice(600));
    const expectRange = async (from: number, to: number): Promise<void> =>
      expect(await store.events('long', from, to)).toStrictEqual(all.slice(from - 1, to));
    await expectRange(10, 20); // inside one row
    await expectRange(250, 700); // across three rows
    await expectRange(256, 257); // the end of one row and the start of the next
    for (const seq of [1, 256, 257, 600, 601, 900]) await expectRange(seq, seq);
    await expectRange(890, 1000); // past the end
    expect(await store.events('long', 901, 2000)).toEqual([]);
    expect(await store.events('long')).toStrictEqual(all);
  });

  it('names the event whose data cannot be stored, and stores nothing of its batch', async () => {
    const store = open(freshPath());
    await store.createRun(makeRun('r1'), workflow, makeEvents(1, 1));
    const batch = [makeEvent(2), makeEvent(3, 'node.completed', { data: { n: 1n } })];
    const err = await rejected(store.append('r1', batch, { status: 'completed' }));
    expect(err.code).toBe('STORE_FAILED');
    expect(err.message).toContain('event 3 of run "r1" cannot be stored as JSON');
    expect(await store.events('r1')).toStrictEqual(makeEvents(1, 1));
    expect((await store.getRun('r1'))?.status).toBe('running');
  });

  it.each([
    [
      'events that are not JSON',
      "SET events = '[[\"2024'",
      'event batch (seq 1 to 3) of run "r1": its events are not JSON',
    ],
    ['an unknown event type', "SET events = json_set(events, '$[1][1]', 'exploded')", 'Invalid option'],
    ['data that is not an object', "SET events = json_set(events, '$[2][3]', 7)", 'expected record'],
    ['a count that does not match its seqs', 'SET last_seq = 4', 'it holds 3 event(s) instead of 4'],
  ])('reports a row holding %s as STORE_FAILED naming the file', async (_, change, problem) => {
    const path = freshPath();
    await open(path).createRun(makeRun('r1'), workflow, makeEvents(1, 3));
    raw(path, (db) => db.exec(`UPDATE event_batches ${change} WHERE run_id = 'r1'`));
    const err = await rejected(open(path).events('r1', 2, 2));
    expect(err.code).toBe('STORE_FAILED');
    expect(err.message).toContain(`run store ${path} holds a malformed event batch`);
    expect(err.message).toContain(problem);
  });

  it('moves the events of a schema 2 store into batches of at most the cap', async () => {
    const path = freshPath();
    const history: HistoryEvent[] = [makeEvent(1, 'run.started'), ...makeEvents(2, 300)];
    raw(path, (db) => {
      db.exec(MIGRATIONS[0]?.sql ?? '');
      db.exec(MIGRATIONS[1]?.sql ?? '');
      db.pragma('user_version = 2');
      db.prepare("INSERT INTO documents (id, document) VALUES ('doc', ?)").run(JSON.stringify(workflow));
      const insertRun = db.prepare<[string, number]>(
        `INSERT INTO runs (id, workflow_id, version, status, input, started_at, last_seq, document_id)
         VALUES (?, 'orders', 3, 'running', '{"orderId":42,"tags":["a","b"]}', '2024-05-01T10:00:00.000Z', ?, 'doc')`,
      );
      const insertEvent = db.prepare<[string, number, string, string, string | null, string | null]>(
        'INSERT INTO events (run_id, seq, at, type, node, data) VALUES (?, ?, ?, ?, ?, ?)',
      );
      db.transaction(() => {
        insertRun.run('old', history.length);
        // Newest first: the migration must order each batch by seq, not by storage order.
        for (const e of [...history].reverse())
          insertEvent.run('old', e.seq, e.at, e.type, e.node ?? null, e.data ? JSON.stringify(e.data) : null);
        insertRun.run('broken', 1);
        insertEvent.run('broken', 1, makeEvent(1).at, 'node.entered', 'n1', '{"output": ');
      })();
    });
    const store = open(path);
    expect(await store.events('old')).toStrictEqual(history);
    expect(await store.events('old', 250, 260)).toStrictEqual(history.slice(249, 260));
    expect(storedRows(path, 'old')).toEqual([
      [1, 256],
      [257, 300],
    ]);
    await store.append('old', makeEvents(301, 301));
    expect(await store.events('old', 300)).toStrictEqual(makeEvents(300, 301));
    // Data that was never JSON fails when read, not when the file is opened.
    expect((await rejected(store.events('broken'))).message).toContain('malformed event batch (seq 1 to 1)');
    await store.deleteRun('old');
    expect(storedRows(path, 'old')).toEqual([]);
  });
});
