import type { Logger } from '#engine';
import { hostSecrets, type HostSecrets } from './host-secrets.js';
import type { RunTrigger, Workflow } from '#shared';
import { createBackend, type Backend } from './backend-service.js';
import { runDetached } from './detached-run.js';
import { openHost, type Host } from './node-host.js';
import { relayRunChanges } from './run-change-relay.js';
import { createRunEventHub } from './run-event-hub.js';
import type { StoreLocation } from './store-url.js';
import type { StoreSetting } from './store-setting.js';
import { awaitOutcomeWithin } from './run-outcome-wait.js';
import type { RunEventHub } from './run-event-hub.js';
import { startTimerScheduler } from './timer-scheduler.js';
import { startTriggerHost, type TriggerHost } from './trigger-host.js';
import { workspaceTriggerWorkflows } from './trigger-set.js';
import { webhookHandler, type WebhookHandler } from './webhook-handler.js';
import { FsPinStore } from './pin-store.js';
import { FsWorkspace } from './workspace.js';

export interface BackendSessionOptions {
  /** The run store: a SQLite file or a PostgreSQL database (workers drive its runs). */
  store: StoreLocation;
  /** How Preferences shows the store, and whether they may switch it. */
  storeSetting: StoreSetting;
  workspaceDir: string;
  logger: Logger;
  /** SQLite: concurrent runs share transactions (a server). */
  groupCommit?: boolean;
  maxInlineWaitMs?: number;
  timerIntervalMs?: number;
  /** The host's secrets (environment, secrets file or keychain). */
  secrets?: HostSecrets;
  /** Activates the triggers of the workspace's workflows (`serve`): schedules fire, webhooks answer. */
  triggers?: boolean;
}

export interface BackendSession {
  backend: Backend;
  /** With `triggers`: the active triggers. */
  triggers?: TriggerHost;
  /** Answers `/hooks/<path>` (404 for every path without `triggers`). */
  webhooks: (loopback: boolean) => WebhookHandler;
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
    pins: new FsPinStore(options.workspaceDir),
    engine: host.engine,
    store: host.store,
    events,
    logger,
    workersDrive: host.workersDrive,
    storeSetting: options.storeSetting,
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
  const triggers = options.triggers === true ? await startWorkspaceTriggers(host, backend, events, options) : undefined;
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
    ...(triggers === undefined ? {} : { triggers }),
    webhooks: (loopback) =>
      webhookHandler({
        triggers: () => triggers?.current() ?? { workflows: [], webhooks: new Map(), refused: [] },
        secrets: options.secrets ?? hostSecrets({}),
        store: host.store,
        start: triggeredStart(host, backend, events, logger),
        awaitResult: (runId, timeoutMs) => awaitOutcomeWithin(host, runId, timeoutMs),
        loopback,
        now: () => Date.now(),
      }),
    close() {
      closing ??= (async () => {
        await triggers?.stop();
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

/**
 * How this process starts a triggered run: recorded for the workers on a shared store, else
 * driven here in the background, answering once its first events are committed.
 */
function triggeredStart(host: Host, backend: Backend, events: RunEventHub, logger: Logger) {
  return (workflow: Workflow, trigger: RunTrigger, input: unknown) => {
    if (host.workersDrive) return backend.runs.start(workflow, input, { trigger, detach: true });
    const runId = backend.runs.nextRunId();
    return runDetached(events, runId, () => backend.runs.start(workflow, input, { runId, trigger }), logger);
  };
}

function startWorkspaceTriggers(
  host: Host,
  backend: Backend,
  events: RunEventHub,
  options: BackendSessionOptions,
): Promise<TriggerHost> {
  const workspace = new FsWorkspace(options.workspaceDir);
  return startTriggerHost({
    load: () => workspaceTriggerWorkflows(workspace),
    store: host.store,
    start: triggeredStart(host, backend, events, options.logger),
    logger: options.logger,
  });
}
