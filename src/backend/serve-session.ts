import type { Logger } from '#engine';
import type { HostSecrets } from './host-secrets.js';
import type { Backend } from './backend-service.js';
import { startBackendSession } from './backend-session.js';
import { assertSafeBinding, isLoopbackHost } from './http-security.js';
import { DEFAULT_HOST, startHttpServer } from './http-server.js';
import { stderrLogger } from './stderr-logger.js';
import type { StoreLocation } from './store-url.js';
import { fixedStoreSetting, type StoreSource } from './store-setting.js';
import type { UserDirectory } from './user-directory.js';

export interface ServeOptions {
  /** The run store: a SQLite file (with group commit) or a PostgreSQL database. */
  store: StoreLocation;
  /** What chose the store (Preferences shows it). */
  storeSource?: StoreSource;
  workspaceDir: string;
  host?: string;
  port: number;
  token?: string;
  /** `--users FILE`: who may call, each as themselves (see HttpServerOptions.users). */
  users?: UserDirectory;
  staticDir?: string;
  maxInlineWaitMs?: number;
  timerIntervalMs?: number;
  logger?: Logger;
  secrets?: HostSecrets;
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
 * Everything `switchyard serve` runs: the backend session (engine on the run store with live
 * events, the Backend API over the workspace, timers and the startup resume) and the HTTP
 * server. Runs cut off by a previous stop are resumed in the background, so it answers at once.
 */
export async function startServeSession(options: ServeOptions): Promise<ServeSession> {
  const logger = options.logger ?? stderrLogger();
  // A refused binding touches nothing: checked before the store is opened (or created).
  assertSafeBinding(options.host ?? DEFAULT_HOST, options.token, options.users !== undefined);
  const session = await startBackendSession({
    store: options.store,
    storeSetting: fixedStoreSetting(options.store, options.storeSource ?? 'command line'),
    workspaceDir: options.workspaceDir,
    logger,
    groupCommit: true,
    triggers: true,
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
    ...(options.timerIntervalMs === undefined ? {} : { timerIntervalMs: options.timerIntervalMs }),
  });
  const server = await startHttpServer({
    backend: session.backend,
    webhooks: session.webhooks(isLoopbackHost(options.host ?? DEFAULT_HOST)),
    port: options.port,
    logger,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.users === undefined ? {} : { users: options.users }),
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
  }).catch(async (err: unknown) => {
    await session.close();
    throw err;
  });
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    backend: session.backend,
    resumed: session.resumed,
    close() {
      closing ??= (async () => {
        await server.close();
        await session.close();
      })();
      return closing;
    },
  };
}
