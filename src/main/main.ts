// Electron main process entry, bundled to dist/main/main.cjs by scripts/build-electron.mjs.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../preload/bridge-contract.js';
import { configureAppIdentity, resolveAppPaths, type AppPaths } from './app-paths.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { startDesktopBackend } from './backend-host.js';
import { safeStorageCodec } from './keychain-codec.js';
import { nextCurrentFile } from './current-document.js';
import { restartsOnStore } from './store-restart.js';
import { FileCommands } from './file-commands.js';
import { registerIpcBridge } from './ipc.js';
import { installApplicationMenu } from './menu.js';
import { RecentFiles } from './recent-files.js';
import { secureAllWebContents, secureSession } from './security.js';
import { createMainWindow } from './window.js';
import { ensureWorkspace } from './workspace-seed.js';

/** How long quitting waits for in-flight runs to reach a commit before closing the store anyway. */
const SHUTDOWN_GRACE_MS = 5000;
/** Time for the page to get (and show) connectStore's answer before the app restarts on the new store. */
const RELAUNCH_DELAY_MS = 800;

function relaunchSoon(): void {
  setTimeout(() => {
    app.relaunch();
    app.quit();
  }, RELAUNCH_DELAY_MS);
}

// Everything here must happen before `ready`.
configureAppIdentity();
registerAppScheme();
secureAllWebContents();

/** Files handed to the app (macOS open-file, command line) before it could open them. */
const pendingFiles: string[] = [];
let openFile: (filePath: string) => void = (filePath) => pendingFiles.push(filePath);

app.on('open-file', (event, filePath) => {
  event.preventDefault();
  openFile(filePath);
});

function flowFilesIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.json') && existsSync(arg));
}

function reportFatal(err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`switchyard: ${message}`);
  dialog.showErrorBox('Switchyard could not start', message);
  app.exit(1);
}

async function start(paths: AppPaths): Promise<void> {
  if (!existsSync(join(paths.rendererDir, 'index.html'))) {
    throw new Error(`The user interface is not built (${paths.rendererDir} is missing). Run \`npm run build\` first.`);
  }
  ensureWorkspace(paths.workspaceDir, paths.examplesDir);
  // Chromium creates userData itself, but not necessarily before we open the database in it.
  mkdirSync(paths.userDataDir, { recursive: true });
  const desktop = await startDesktopBackend({
    dbPath: paths.dbPath,
    storeSettingPath: paths.storeSettingPath,
    workspaceDir: paths.workspaceDir,
    env: process.env,
    ...(safeStorage.isEncryptionAvailable()
      ? { keychain: { secretsPath: join(paths.userDataDir, 'secrets.json'), codec: safeStorageCodec } }
      : {}),
  });
  secureSession(session.defaultSession);
  serveRenderer(session.defaultSession, paths.rendererDir);

  let window: BrowserWindow | undefined;
  let currentFile: string | undefined;
  const currentWindow = (): BrowserWindow | undefined => (window && !window.isDestroyed() ? window : undefined);
  const send = (command: MenuCommand, file?: string): void => {
    const target = currentWindow();
    if (!target) return;
    if (file === undefined) target.webContents.send(MENU_CHANNEL, command);
    else target.webContents.send(MENU_CHANNEL, command, file);
  };

  const closeIpc = registerIpcBridge({
    backend: desktop.backend,
    subscribe: (listener) => desktop.backend.subscribe(listener),
    window: currentWindow,
    observe: (method, params, result) => {
      currentFile = nextCurrentFile(currentFile, method, params, result);
      if (restartsOnStore(method, result)) relaunchSoon();
    },
  });

  const recents = new RecentFiles(paths.recentFilesPath);
  const rebuildMenu = (): void =>
    installApplicationMenu({
      send: (command) => send(command),
      open: () => void files.showOpenDialog(),
      openRecent: (filePath) => void files.openPath(filePath),
      clearRecent: () => files.clearRecents(),
      exportWorkflow: () => void files.showExportDialog(),
      recentFiles: () => recents.list(),
    });
  const files: FileCommands = new FileCommands({
    backend: desktop.backend,
    workspaceDir: paths.workspaceDir,
    recents,
    window: currentWindow,
    send,
    currentFile: () => currentFile,
    recentsChanged: rebuildMenu,
  });
  rebuildMenu();

  const openWindow = (): BrowserWindow => {
    const created = createMainWindow({
      preloadPath: paths.preloadPath,
      ...(paths.iconPath ? { iconPath: paths.iconPath } : {}),
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    created.webContents.on('render-process-gone', (_event, details) => {
      console.error(`switchyard: the window's renderer stopped (${details.reason}, exit code ${details.exitCode})`);
    });
    window = created;
    return created;
  };

  // Files arriving before the page has loaded wait for it, so the page gets the 'open' command.
  openFile = (filePath) => {
    const target = currentWindow() ?? openWindow();
    if (target.webContents.isLoading()) target.webContents.once('did-finish-load', () => void files.openPath(filePath));
    else void files.openPath(filePath);
  };
  openWindow();
  for (const filePath of [...pendingFiles.splice(0), ...flowFilesIn(process.argv)]) openFile(filePath);

  app.on('second-instance', (_event, argv) => {
    const target = currentWindow() ?? openWindow();
    if (target.isMinimized()) target.restore();
    target.focus();
    for (const filePath of flowFilesIn(argv)) openFile(filePath);
  });
  app.on('activate', () => {
    if (!currentWindow()) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits (briefly) for the backend: the store keeps every event it acknowledged.
  let shutdown: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    closeIpc();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS));
    void Promise.race([desktop.close(), grace])
      .catch((err: unknown) => console.error(`switchyard: closing the backend failed: ${String(err)}`))
      .finally(() => {
        shutdown = 'closed';
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Switchyard owns this data folder (and its database): it gets focus and our files.
  app.quit();
} else {
  app
    .whenReady()
    .then(() => start(resolveAppPaths()))
    .catch(reportFatal);
}
