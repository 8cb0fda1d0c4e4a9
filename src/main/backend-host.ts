import {
  DesktopStoreSetting,
  hostSecrets,
  probeStore,
  SecretStore,
  startBackendSession,
  stderrLogger,
  type BackendSession,
  type SecretCodec,
} from '#backend';

export interface DesktopBackendOptions {
  /** The app's own SQLite run store (userData/switchyard.db). */
  dbPath: string;
  /** Where the run store chosen in Preferences is remembered (userData/store.json). */
  storeSettingPath: string;
  /** The folder of *.flow.json files. */
  workspaceDir: string;
  /** The environment: `SWITCHYARD_STORE` connects the app to a server's store, whatever Preferences say. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The keychain: the Secrets panel's values are kept in `secretsPath`, each encrypted with this
   * codec (Electron's safeStorage, i.e. the OS keychain's key), and so is a chosen store's URL.
   * Without it, only environment secrets, and the URL is kept owner-only but as it is.
   */
  keychain?: { secretsPath: string; codec: SecretCodec };
}

/**
 * The backend `switchyard serve` runs, minus HTTP, in the main process, on the run store that
 * SWITCHYARD_STORE or Preferences chose (a team's PostgreSQL: its runs, time travel and approvals,
 * driven by the team's workers) or else the app's own SQLite file. A chosen store that cannot be
 * opened leaves the app on its own file, and Preferences say why. On the SQLite file the timer
 * scheduler fires delays, retries and timeouts while the app is open, and runs interrupted by the
 * last exit resume in the background, so the window opens at once.
 */
export async function startDesktopBackend(options: DesktopBackendOptions): Promise<BackendSession> {
  const { keychain } = options;
  const storeSetting = DesktopStoreSetting.read({
    dbPath: options.dbPath,
    settingPath: options.storeSettingPath,
    env: options.env,
    probe: probeStore,
    ...(keychain === undefined ? {} : { codec: keychain.codec }),
  });
  const secretStore =
    keychain === undefined
      ? undefined
      : SecretStore.open(keychain.secretsPath, {
          source: 'keychain',
          codec: keychain.codec,
          outside: options.workspaceDir,
        });
  const logger = stderrLogger();
  const start = () =>
    startBackendSession({
      store: storeSetting.location,
      storeSetting,
      workspaceDir: options.workspaceDir,
      logger,
      secrets: hostSecrets(options.env, secretStore),
    });
  try {
    return await start();
  } catch (err) {
    if (storeSetting.info().source !== 'app setting') throw err;
    const problem = err instanceof Error ? err.message : String(err);
    logger.log('error', `the chosen run store cannot be opened, using this computer's: ${problem}`);
    storeSetting.fallBack(problem);
    return start();
  }
}
