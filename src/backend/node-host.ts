import { Engine, type EngineOptions, type Logger } from '#engine';
import { SqliteRunStore } from '#storage';
import { timeSortedRunIds } from './run-ids.js';
import { stderrLogger } from './stderr-logger.js';
import { systemClock } from './system-clock.js';

export interface HostOptions {
  /** The SQLite run store file; created when missing. */
  dbPath: string;
  /** Timers due within this many ms are awaited in-process; later ones leave the run waiting. */
  maxInlineWaitMs?: number;
  logger?: Logger;
  /** Called after every commit with the events just made durable (live views). */
  onEvents?: EngineOptions['onEvents'];
  /** Concurrent runs share SQLite transactions (servers with many runs in flight; see bench/README.md). */
  groupCommit?: boolean;
}

export interface Host {
  engine: Engine;
  store: SqliteRunStore;
  close(): void;
}

/**
 * The engine wired to Node: wall clock, time-sorted run ids, global fetch, a SQLite store.
 *
 * @example
 * const host = openHost({ dbPath: './switchyard.db' });
 * try { await host.engine.resumeAll(); } finally { host.close(); }
 */
export function openHost(options: HostOptions): Host {
  const store = SqliteRunStore.open(options.dbPath, { groupCommit: options.groupCommit ?? false });
  const engine = new Engine(
    {
      clock: systemClock,
      ids: timeSortedRunIds(systemClock),
      store,
      fetch: (url, init) => globalThis.fetch(url, init),
      logger: options.logger ?? stderrLogger(),
    },
    {
      ...(options.onEvents === undefined ? {} : { onEvents: options.onEvents }),
      ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
    },
  );
  return { engine, store, close: () => store.close() };
}
