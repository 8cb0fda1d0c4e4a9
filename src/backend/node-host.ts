import { Engine, type EngineOptions, type FullRunStore, type Logger, type SecretProvider } from '#engine';
import { PostgresRunStore, SqliteRunStore } from '#storage';
import { SwitchyardError } from '#shared';
import { hostOwnerId, ownerAlive } from './host-owner.js';
import { timeSortedRunIds } from './run-ids.js';
import { scriptThreads } from './script-threads.js';
import { stderrLogger } from './stderr-logger.js';
import type { StoreLocation } from './store-url.js';
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
  /** Secrets for `secret.NAME` / `$secret()`; their values are redacted from everything recorded. */
  secrets?: SecretProvider;
}

/** A host on the store a `--store` URL names (see `openHost`). */
export interface OpenHostOptions extends Omit<HostOptions, 'store' | 'dbPath'> {
  location: StoreLocation;
}

export interface Host {
  engine: Engine;
  store: FullRunStore;
  /**
   * The store is shared by many processes (PostgreSQL): a run started here is only recorded, and
   * `switchyard worker` processes drive it. Else (SQLite) the process that starts a run drives it.
   */
  workersDrive: boolean;
  /** Closes the store when the host opened it. */
  close(): Promise<void>;
}

/**
 * The engine wired to Node — wall clock, time-sorted run ids, global fetch, a run store — for
 * `serve`, the CLI, the Electron main process and the HTTP tests alike.
 *
 * @example
 * const host = createHost({ dbPath: './switchyard.db' });
 * try { await host.engine.resumeAll(); } finally { await host.close(); }
 */
export function createHost(options: HostOptions): Host {
  if (options.store !== undefined) return hostOn(options.store, async () => undefined, options);
  if (options.dbPath === undefined)
    throw new SwitchyardError('BAD_USAGE', 'createHost needs a store or the path of a run store file (dbPath)');
  const sqlite = SqliteRunStore.open(options.dbPath, { groupCommit: options.groupCommit ?? false });
  return hostOn(sqlite, async () => sqlite.close(), options);
}

/**
 * A host on the run store `location` names: a SQLite file (created when missing) or a PostgreSQL
 * database (connected and migrated). The one place a store URL becomes a store.
 *
 * @example
 * const host = await openHost({ location: parseStoreUrl(process.env.SWITCHYARD_STORE ?? './switchyard.db') });
 */
export async function openHost(options: OpenHostOptions): Promise<Host> {
  const { location, ...rest } = options;
  if (location.kind === 'sqlite') return createHost({ ...rest, dbPath: location.path });
  // Group commit is SQLite's: on PostgreSQL every write is its own transaction, durable when it resolves.
  const postgres = await PostgresRunStore.open(location.url);
  return hostOn(postgres, () => postgres.close(), rest, true);
}

/**
 * Opens the store `location` names and closes it again: the file opens (or is created), the
 * database answers with a schema this program can use (migrated). Throws what opening would.
 */
export async function probeStore(location: StoreLocation): Promise<void> {
  if (location.kind === 'sqlite') {
    SqliteRunStore.open(location.path).close();
    return;
  }
  await (await PostgresRunStore.open(location.url)).close();
}

function hostOn(store: FullRunStore, close: () => Promise<void>, options: HostOptions, workersDrive = false): Host {
  const logger = options.logger ?? stderrLogger();
  const engine = new Engine(
    {
      clock: systemClock,
      ids: timeSortedRunIds(systemClock),
      store,
      fetch: (url, init) => globalThis.fetch(url, init),
      logger,
      scripts: scriptThreads(logger),
      secrets: options.secrets,
    },
    {
      owner: options.owner ?? hostOwnerId(),
      ownerAlive,
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      ...(options.onEvents === undefined ? {} : { onEvents: options.onEvents }),
      ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
    },
  );
  return { engine, store, workersDrive, close };
}
