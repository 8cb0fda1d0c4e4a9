import {
  createBackend,
  createRunEventHub,
  FsWorkspace,
  createHost,
  startTimerScheduler,
  stderrLogger,
  type Backend,
} from '#backend';

export interface DesktopBackendOptions {
  /** The SQLite run store (userData/switchyard.db). */
  dbPath: string;
  /** The folder of *.flow.json files. */
  workspaceDir: string;
}

export interface DesktopBackend {
  backend: Backend;
  /** Stops the timers, lets in-flight runs reach a commit, closes the store. */
  close(): Promise<void>;
}

/**
 * The backend `switchyard serve` runs, minus HTTP, in the main process: engine with live
 * events + SQLite store + workspace folder, and the timer scheduler, so that delays, retries
 * and approval timeouts fire while the app is open. Runs interrupted by the last exit resume
 * in the background, so the window opens at once.
 */
export function startDesktopBackend(options: DesktopBackendOptions): DesktopBackend {
  const logger = stderrLogger();
  const events = createRunEventHub(logger);
  const host = createHost({ dbPath: options.dbPath, logger, onEvents: events.publish });
  const backend = createBackend({
    workspace: new FsWorkspace(options.workspaceDir),
    engine: host.engine,
    store: host.store,
    events,
    logger,
  });
  const scheduler = startTimerScheduler({ store: host.store, runs: backend.runs, logger });
  const resumed = backend.runs.resumeAll().then(
    () => undefined,
    (err: unknown) =>
      logger.log('error', `resuming interrupted runs failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  let closing: Promise<void> | undefined;
  return {
    backend,
    close() {
      closing ??= (async () => {
        await scheduler.stop();
        await resumed;
        await backend.runs.idle();
        await host.close();
      })();
      return closing;
    },
  };
}
