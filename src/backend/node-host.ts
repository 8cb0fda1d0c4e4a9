import { Engine, type EngineOptions, type FullRunStore, type Logger } from '#engine';
import { SqliteRunStore } from '#storage';
import { SwitchyardError } from '#shared';
import { hostOwnerId, ownerAlive } from './host-owner.js';
import { timeSortedRunIds } from './run-ids.js';
import { stderrLogger } from './stderr-logger.js';
import { systemClock } from './system-clock.js';

export interface HostOptions {
  /** A store to run on (tests, the browser-like memory store); else the SQLite file at `dbPath`. */
  store?: FullRunStore;
  /** The SQLite run store file; created when missing. */
  dbPath?: string;
  /** Concurrent runs share SQLite transactions (servers with many runs in flight; see bench/README.md). */
  groupCommit?: boolean;
  logger?: Logger;
  /** Called after every commit with the events just made durable (live views). */
  onEvents?: EngineOptions['onEvents'];
  /** Timers due within this many ms are awaited in-process; later ones leave the run waiting. */
  maxInlineWaitMs?: number;
  /** This host's name in run leases (default `HOST:PID:RANDOM`). */
  owner?: string;
  /** How long a run lease lasts unless renewed (default: the engine's, 30 s). */
  leaseMs?: number;
}

export interface Host {
  engine: Engine;
  store: FullRunStore;
  /** Closes the store when the host opened it. */
  close(): void;
}

/**
 * The engine wired to Node — wall clock, time-sorted run ids, global fetch, a run store — for
 * `serve`, the CLI, the Electron main process and the HTTP tests alike.
 *
 * @example
 * const host = createHost({ dbPath: './switchyard.db' });
 * try { await host.engine.resumeAll(); } finally { host.close(); }
 */
export function createHost(options: HostOptions): Host {
  const { store, close } = openStore(options);
  const engine = new Engine(
    {
      clock: systemClock,
      ids: timeSortedRunIds(systemClock),
      store,
      fetch: (url, init) => globalThis.fetch(url, init),
      logger: options.logger ?? stderrLogger(),
    },
    {
      owner: options.owner ?? hostOwnerId(),
      ownerAlive,
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      ...(options.onEvents === undefined ? {} : { onEvents: options.onEvents }),
      ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
    },
  );
  return { engine, store, close };
}

function openStore(options: HostOptions): { store: FullRunStore; close: () => void } {
  if (options.store !== undefined) return { store: options.store, close: () => undefined };
  if (options.dbPath === undefined)
    throw new SwitchyardError('BAD_USAGE', 'createHost needs a store or the path of a run store file (dbPath)');
  const sqlite = SqliteRunStore.open(options.dbPath, { groupCommit: options.groupCommit ?? false });
  return { store: sqlite, close: () => sqlite.close() };
}
