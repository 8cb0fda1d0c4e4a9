import type { Logger } from '#engine';
import { createBackend, type Backend } from './backend-service.js';
import { startHttpServer } from './http-server.js';
import { createRunEventHub } from './run-event-hub.js';
import { openHost } from './node-host.js';
import { stderrLogger } from './stderr-logger.js';
import type { StoreLocation } from './store-url.js';
import { startTimerScheduler } from './timer-scheduler.js';
import { FsWorkspace } from './workspace.js';

export interface ServeOptions {
  /** The run store: a SQLite file (with group commit) or a PostgreSQL database. */
  store: StoreLocation;
  workspaceDir: string;
  host?: string;
  port: number;
  token?: string;
  staticDir?: string;
  maxInlineWaitMs?: number;
  timerIntervalMs?: number;
  logger?: Logger;
}

export interface ServeSession {
  url: string;
  port: number;
  backend: Backend;
  /** Settles once the startup resume of interrupted runs is done. */
  resumed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything `switchyard serve` runs: the engine on the run store with live events, the
 * Backend API over the workspace, the HTTP server and the timer scheduler. Runs cut off by
 * a previous stop are resumed in the background, so the server answers at once.
 */
export async function startServeSession(options: ServeOptions): Promise<ServeSession> {
  const logger = options.logger ?? stderrLogger();
  const events = createRunEventHub(logger);
  const host = await openHost({
    location: options.store,
    logger,
    onEvents: events.publish,
    groupCommit: true,
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
  });
  const backend = createBackend({
    workspace: new FsWorkspace(options.workspaceDir),
    engine: host.engine,
    store: host.store,
    events,
    logger,
    workersDrive: host.workersDrive,
  });
  const server = await startHttpServer({
    backend,
    port: options.port,
    logger,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
  }).catch(async (err: unknown) => {
    await host.close();
    throw err;
  });
  // On a shared store the workers fire timers and take interrupted runs over.
  const scheduler = host.workersDrive
    ? undefined
    : startTimerScheduler({
        store: host.store,
        runs: backend.runs,
        logger,
        ...(options.timerIntervalMs === undefined ? {} : { intervalMs: options.timerIntervalMs }),
      });
  const resumed = (host.workersDrive ? Promise.resolve({ outcomes: [], skipped: [] }) : backend.runs.resumeAll()).then(
    ({ outcomes, skipped }) => {
      if (outcomes.length > 0)
        logger.log('info', `resumed ${outcomes.length} interrupted ${outcomes.length === 1 ? 'run' : 'runs'}`);
      for (const run of skipped) logger.log('info', `skipped run ${run.runId}: driven by ${run.owner}`);
    },
    (err: unknown) =>
      logger.log('error', `resuming interrupted runs failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    backend,
    resumed,
    close() {
      closing ??= (async () => {
        await server.close();
        await scheduler?.stop();
        await resumed;
        // Calls whose connection was cut may still be driving runs: the store stays open for them.
        await backend.runs.idle();
        await host.close();
      })();
      return closing;
    },
  };
}
