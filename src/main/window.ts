import { BrowserWindow, nativeTheme, type WebPreferences } from 'electron';
import { APP_START_URL } from './security-policy.js';

/**
 * The normative web preferences (DESIGN §1). `webviewTag` stays off and there is no
 * `remote`; the page reaches the backend only through the preload bridge.
 */
export function secureWebPreferences(preloadPath: string): Readonly<WebPreferences> {
  return Object.freeze({
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    // A middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
    disableBlinkFeatures: 'Auxclick',
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
}

/**
 * What the window was created with, readable from the main process only (the Electron e2e
 * test checks it: Electron has no API to read a window's web preferences back).
 */
export const DIAGNOSTICS_KEY = '__switchyardWebPreferences';

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const webPreferences = secureWebPreferences(options.preloadPath);
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    title: 'Switchyard',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences,
  });
  Reflect.set(globalThis, DIAGNOSTICS_KEY, webPreferences);
  window.once('ready-to-show', () => window.show());
  // Show the window even when the page fails to load, so the failure is visible.
  window.webContents.once('did-fail-load', () => window.show());
  window.loadURL(APP_START_URL).catch((err: unknown) => {
    console.error(`switchyard: could not load the UI: ${err instanceof Error ? err.message : String(err)}`);
  });
  return window;
}
