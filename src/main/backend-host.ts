import {
  hostSecrets,
  parseStoreUrl,
  SecretStore,
  startBackendSession,
  stderrLogger,
  type BackendSession,
  type SecretCodec,
  type StoreLocation,
} from '#backend';

export interface DesktopBackendOptions {
  /** The app's own SQLite run store (userData/switchyard.db). */
  dbPath: string;
  /** The folder of *.flow.json files. */
  workspaceDir: string;
  /** The environment: `SWITCHYARD_STORE` connects the app to a server's store instead. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The keychain: the Secrets panel's values are kept in `secretsPath`, each encrypted with this
   * codec (Electron's safeStorage, i.e. the OS keychain's key). Without it, only environment secrets.
   */
  keychain?: { secretsPath: string; codec: SecretCodec };
}

/**
 * The desktop app's run store: a server's store when `SWITCHYARD_STORE` names one (a team's
 * PostgreSQL: its runs, time travel and approvals, driven by the team's workers), else the
 * app's own SQLite file.
 */
export function desktopStore(options: Pick<DesktopBackendOptions, 'dbPath' | 'env'>): StoreLocation {
  const url = options.env['SWITCHYARD_STORE'];
  return url === undefined || url === ''
    ? { kind: 'sqlite', path: options.dbPath }
    : parseStoreUrl(url, 'SWITCHYARD_STORE');
}

/**
 * The backend `switchyard serve` runs, minus HTTP, in the main process: engine with live
 * events on the run store + workspace folder; on the app's SQLite file also the timer
 * scheduler (delays, retries and approval timeouts fire while the app is open) and the
 * background resume of runs interrupted by the last exit, so the window opens at once.
 */
export function startDesktopBackend(options: DesktopBackendOptions): Promise<BackendSession> {
  const { keychain } = options;
  const store =
    keychain === undefined
      ? undefined
      : SecretStore.open(keychain.secretsPath, {
          source: 'keychain',
          codec: keychain.codec,
          outside: options.workspaceDir,
        });
  return startBackendSession({
    store: desktopStore(options),
    workspaceDir: options.workspaceDir,
    logger: stderrLogger(),
    secrets: hostSecrets(options.env, store),
  });
}
