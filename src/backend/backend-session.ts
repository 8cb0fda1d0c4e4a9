import type { Logger } from '#engine';
import type { HostSecrets } from './host-secrets.js';
import { createBackend, type Backend } from './backend-service.js';
import { openHost } from './node-host.js';
import { relayRunChanges } from './run-change-relay.js';
import { createRunEventHub } from './run-event-hub.js';
import type { StoreLocation } from './store-url.js';
import { startTimerScheduler } from './timer-scheduler.js';
import { FsWorkspace } from './workspace.js';

export interface BackendSessionOptions {
  /** The run store: a SQLite file or a PostgreSQL database (workers drive its runs). */
  store: StoreLocation;
  workspaceDir: string;
  logger: Logger;
  /** SQLite: concurrent runs share transactions (a server). */
  groupCommit?: boolean;
  maxInlineWaitMs?: number;
  timerIntervalMs?: number;
  /** The host's secrets (environment, secrets file or keychain). */
  secrets?: HostSecrets;
}

export interface BackendSession {
  backend: Backend;
  /** Settles once the startup resume of interrupted runs is done. */
  resumed: Promise<void>;
  /** Stops the timers, lets in-flight runs reach a commit, closes the store. */
  close(): Promise<void>;
}

/**
 * The Backend API over a workspace and a run store, with live events, as `serve` and the
 * desktop app run it. On a store this process drives (SQLite) the timer scheduler fires
 * delays, retries and timeouts, and runs cut off by a previous stop resume in the background;
 * on a shared store (PostgreSQL) the workers do both.
 */
export async function startBackendSession(options: BackendSessionOptions): Promise<BackendSession> {
  const { logger } = options;
  const events = createRunEventHub(logger);
  const host = await openHost({
    location: options.store,
    logger,
    onEvents: events.publish,
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(options.groupCommit === undefined ? {} : { groupCommit: options.groupCommit }),
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
  });
  const backend = createBackend({
    workspace: new FsWorkspace(options.workspaceDir),
    engine: host.engine,
    store: host.store,
    events,
    logger,
    workersDrive: host.workersDrive,
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
  });
  // Runs that workers drive reach live views through the store's change notifications.
  const stopRelay = host.workersDrive ? await relayRunChanges(host.store, events, logger) : undefined;
  const scheduler = host.workersDrive
    ? undefined
    : startTimerScheduler({
        store: host.store,
        runs: backend.runs,
        logger,
        ...(options.timerIntervalMs === undefined ? {} : { intervalMs: options.timerIntervalMs }),
      });
  const resumed = host.workersDrive
    ? Promise.resolve()
    : backend.runs.resumeAll().then(
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
    backend,
    resumed,
    close() {
      closing ??= (async () => {
        await scheduler?.stop();
        await stopRelay?.();
        await resumed;
        // Calls whose connection was cut may still be driving runs: the store stays open for them.
        await backend.runs.idle();
        await host.close();
      })();
      return closing;
    },
  };
}
