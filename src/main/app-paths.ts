import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app } from 'electron';

export interface AppPaths {
  /** The package root: the repo in development, app.asar when packaged. */
  root: string;
  /** The built renderer (`npm run build` → dist/renderer). */
  rendererDir: string;
  preloadPath: string;
  examplesDir: string;
  iconPath: string | undefined;
  userDataDir: string;
  dbPath: string;
  /** The run store chosen in Preferences, when it is not dbPath. */
  storeSettingPath: string;
  recentFilesPath: string;
  workspaceDir: string;
}

/**
 * Names the app and its data folder. Must run before `ready`: `electron dist/main/main.cjs`
 * would otherwise call the app "Electron" and keep its data in ~/.config/Electron.
 * `SWITCHYARD_USER_DATA_DIR` moves the data folder (tests use a temporary one).
 */
export function configureAppIdentity(): void {
  app.setName('Switchyard');
  const override = process.env['SWITCHYARD_USER_DATA_DIR'];
  app.setPath('userData', override ? resolve(override) : join(app.getPath('appData'), 'Switchyard'));
}

/** Where everything is; the bundle lives at ROOT/dist/main/main.cjs in development and when packaged. */
export function resolveAppPaths(): AppPaths {
  const root = resolve(__dirname, '..', '..');
  const userDataDir = app.getPath('userData');
  const icon = join(root, 'assets', 'icons', 'icon.png');
  const workspaceOverride = process.env['SWITCHYARD_WORKSPACE'];
  return {
    root,
    rendererDir: join(root, 'dist', 'renderer'),
    preloadPath: join(root, 'dist', 'preload', 'preload.cjs'),
    examplesDir: join(root, 'assets', 'examples'),
    iconPath: existsSync(icon) ? icon : undefined,
    userDataDir,
    dbPath: join(userDataDir, 'switchyard.db'),
    storeSettingPath: join(userDataDir, 'store.json'),
    recentFilesPath: join(userDataDir, 'recent.json'),
    workspaceDir: workspaceOverride ? resolve(workspaceOverride) : join(app.getPath('documents'), 'Switchyard'),
  };
}
