import type { z } from 'zod';
import type { Engine, IdGen, Logger, RunStore } from '#engine';
import {
  BACKEND_METHODS,
  SwitchyardError,
  toErrorInfo,
  type BackendApi,
  type BackendMethod,
  type BackendResult,
  type Envelope,
  type Identity,
} from '#shared';
import type { Handlers, MethodParams } from './handler-types.js';
import { waitingApprovals } from './approval-inbox.js';
import { bundleHandlers } from './bundle-handlers.js';
import { localIdentity } from './local-identity.js';
import { LockedEngine } from './locked-engine.js';
import { badParams } from './param-errors.js';
import type { RunEventHub, RunEventsListener } from './run-event-hub.js';
import { runHandlers } from './run-handlers.js';
import { secretHandlers } from './secret-handlers.js';
import { storeHandlers } from './store-handlers.js';
import type { StoreSetting } from './store-setting.js';
import { pinHandlers } from './pin-handlers.js';
import type { PinStore } from './pin-store.js';
import type { HostSecrets } from './host-secrets.js';
import { timeSortedRunIds } from './run-ids.js';
import { systemClock } from './system-clock.js';
import { versionHandlers } from './version-handlers.js';
import { transferHandlers } from './workflow-transfer.js';
import { workflowHandlers } from './workflow-handlers.js';
import type { Workspace } from './workspace.js';

export interface BackendOptions {
  workspace: Workspace;
  engine: Engine;
  store: RunStore;
  /** The hub the engine's onEvents publishes to; `subscribe` reads from it. */
  events: RunEventHub;
  /** Ids for new runs (default: time-sorted ids, as the host's engine uses). */
  ids?: IdGen;
  /** Workers drive the runs of this (shared) store: starting a run records it (Host.workersDrive). */
  workersDrive?: boolean;
  /** The host's secrets (the Secrets panel lists and changes them); none when absent. */
  secrets?: HostSecrets;
  /** The run store as Preferences shows it, and whether the host lets the UI switch it. */
  storeSetting: StoreSetting;
  /** Where the workspace keeps pinned sample outputs (the pin methods refuse without one). */
  pins?: PinStore;
  /** Who calls when a transport names no one (IPC, `serve` without `--users`); default: the OS user. */
  identity?: Identity;
  logger?: Logger;
}

/** The Backend API plus what transports and the server need around it. */
export interface Backend extends BackendApi {
  /**
   * For transports: checks the method name and params, never throws. `caller` is the
   * authenticated user (default: the backend's own identity, see BackendOptions.identity).
   */
  call(method: string, params: unknown, caller?: Identity): Promise<Envelope<unknown>>;
  /** Live events of every run; returns the unsubscribe function. */
  subscribe(listener: RunEventsListener): () => void;
  /** Engine operations under the per-run locks the handlers use (for the timer scheduler and startup resume). */
  runs: LockedEngine;
}

type ParamSchemas = { [M in BackendMethod]: { params: z.ZodType<MethodParams<M>> } };
const PARAM_SCHEMAS: ParamSchemas = BACKEND_METHODS;

export function isBackendMethod(name: string): name is BackendMethod {
  return Object.hasOwn(BACKEND_METHODS, name);
}

/**
 * The Backend API over a workspace folder, the engine and its run store: one implementation
 * that the HTTP server and the Electron IPC bridge both carry.
 *
 * @example
 * const events = createRunEventHub();
 * const host = await openHost({ location: parseStoreUrl('./switchyard.db'), onEvents: events.publish });
 * const backend = createBackend({ workspace: new FsWorkspace(dir), engine: host.engine, store: host.store, events });
 * const { problems } = await backend.validateWorkflow({ workflow: doc });
 */
export function createBackend(options: BackendOptions): Backend {
  const { workspace, store, events, logger } = options;
  const runs = new LockedEngine(
    options.engine,
    store,
    options.ids ?? timeSortedRunIds(systemClock),
    options.workersDrive ?? false,
  );
  const handlers: Handlers = {
    ...workflowHandlers(workspace),
    ...transferHandlers(workspace),
    ...runHandlers({ workspace, runs, store, events, logger }),
    ...bundleHandlers(workspace, store),
    ...versionHandlers(workspace, store),
    listApprovals: (_params, caller) => waitingApprovals(store, caller),
    whoami: async (_params, caller) => caller,
    ...secretHandlers(options.secrets),
    ...storeHandlers(options.storeSetting),
    ...pinHandlers(options.pins),
  };
  const local = options.identity ?? localIdentity();

  async function invoke<M extends BackendMethod>(method: M, raw: unknown, caller: Identity): Promise<BackendResult<M>> {
    const parsed = PARAM_SCHEMAS[method].params.safeParse(raw ?? {});
    if (!parsed.success) throw badParams(method, parsed.error);
    const handler: Handlers[M] = handlers[method];
    return handler(parsed.data, caller);
  }

  const bind =
    <M extends BackendMethod>(method: M) =>
    (params: unknown): Promise<BackendResult<M>> =>
      invoke(method, params, local);

  return {
    listWorkflows: bind('listWorkflows'),
    openWorkflow: bind('openWorkflow'),
    saveWorkflow: bind('saveWorkflow'),
    renameWorkflow: bind('renameWorkflow'),
    deleteWorkflow: bind('deleteWorkflow'),
    importWorkflow: bind('importWorkflow'),
    exportWorkflow: bind('exportWorkflow'),
    validateWorkflow: bind('validateWorkflow'),
    compileWorkflow: bind('compileWorkflow'),
    startRun: bind('startRun'),
    listRuns: bind('listRuns'),
    getRun: bind('getRun'),
    getHistory: bind('getHistory'),
    stateAt: bind('stateAt'),
    forkRun: bind('forkRun'),
    approve: bind('approve'),
    signal: bind('signal'),
    cancelRun: bind('cancelRun'),
    listApprovals: bind('listApprovals'),
    whoami: bind('whoami'),
    listSecrets: bind('listSecrets'),
    setSecret: bind('setSecret'),
    deleteSecret: bind('deleteSecret'),
    exportRun: bind('exportRun'),
    importRun: bind('importRun'),
    replayCheck: bind('replayCheck'),
    getStore: bind('getStore'),
    connectStore: bind('connectStore'),
    listPins: bind('listPins'),
    pinOutput: bind('pinOutput'),
    unpinOutput: bind('unpinOutput'),
    listVersions: bind('listVersions'),
    getVersion: bind('getVersion'),
    replayCheckVersion: bind('replayCheckVersion'),

    async call(method, params, caller = local) {
      if (!isBackendMethod(method)) {
        return {
          error: {
            code: 'NOT_FOUND',
            message: `unknown method ${JSON.stringify(method)}; the Backend API has ${Object.keys(BACKEND_METHODS).join(', ')}`,
          },
        };
      }
      try {
        return { data: await invoke(method, params, caller) };
      } catch (err) {
        if (!(err instanceof SwitchyardError))
          logger?.log(
            'error',
            `${method} failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
          );
        return { error: toErrorInfo(err) };
      }
    },
    subscribe: (listener) => events.subscribe(listener),
    runs,
  };
}
