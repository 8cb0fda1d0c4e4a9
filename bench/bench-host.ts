import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  Engine,
  type Clock,
  type EnginePorts,
  type EngineOptions,
  type FullRunStore,
  type ScriptRunner,
} from '#engine';
import type { HistoryEvent } from '#shared';
import { SqliteRunStore } from '#storage';

/** One temp directory per bench process; every SQLite file of the project and of the baselines lives in it. */
let dir: string | undefined;

export function tempPath(name: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  return join(dir, `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.db`);
}

export function removeTempFiles(): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** Wall-clock time, like the node host's clock. */
const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(resolve, Math.max(0, ms));
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    }),
};

export interface BenchEngine<S extends FullRunStore = SqliteRunStore> {
  engine: Engine;
  store: S;
  close(): Promise<void>;
}

export interface BenchEngineOptions extends EngineOptions {
  /** Share one transaction among the writes of concurrent runs (B3). */
  groupCommit?: boolean;
  /** Where script nodes run (B11); default in-process. */
  scripts?: ScriptRunner;
}

/** The real engine on `store`, with a wall clock, counter run ids (`prefix` + counter) and a silent logger. */
export function engineOn(
  store: FullRunStore,
  options: EngineOptions = {},
  prefix = 'r',
  scripts?: ScriptRunner,
): Engine {
  let next = 0;
  const ports: EnginePorts = {
    clock: realClock,
    ids: { runId: () => `${prefix}${(++next).toString().padStart(8, '0')}` },
    store,
    fetch: () => Promise.reject(new Error('benchmarks make no HTTP calls')),
    logger: { log: () => undefined },
    scripts,
  };
  return new Engine(ports, options);
}

/** The real engine on a fresh SQLite file (WAL, synchronous=NORMAL). */
export function benchEngine(name: string, options: BenchEngineOptions = {}): BenchEngine & { path: string } {
  const path = tempPath(name);
  const { groupCommit, scripts, ...engineOptions } = options;
  const store = SqliteRunStore.open(path, groupCommit ? { groupCommit } : {});
  return { engine: engineOn(store, engineOptions, 'r', scripts), store, path, close: async () => store.close() };
}

export interface RawEventRow {
  runId: string;
  seq: number;
  at: string;
  type: string;
  node: string | null;
  data: string | null;
}

/** The baselines' row of `event` of run `runId`, timestamped now (as the engine stamps its events). */
export function rawRow(runId: string, event: HistoryEvent): RawEventRow {
  return {
    runId,
    seq: event.seq,
    at: new Date().toISOString(),
    type: event.type,
    node: event.node ?? null,
    data: event.data === undefined ? null : JSON.stringify(event.data),
  };
}

/**
 * The raw baseline's database: a better-sqlite3 file with the project's pragmas and the
 * same events table (WITHOUT ROWID, primary key run_id + seq), nothing else.
 */
export function rawDatabase(name: string): { db: Database.Database; insert: Database.Statement<[RawEventRow]> } {
  const db = new Database(tempPath(name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (
    run_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, type TEXT NOT NULL, node TEXT, data TEXT,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID, STRICT`);
  const insert = db.prepare<[RawEventRow]>(
    'INSERT INTO events (run_id, seq, at, type, node, data) VALUES (@runId, @seq, @at, @type, @node, @data)',
  );
  return { db, insert };
}
