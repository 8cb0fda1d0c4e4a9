import { BrowserWindow, nativeTheme, type WebPreferences } from 'electron';
import { APP_START_URL } from './security-policy.js';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
}

/**
 * What the window was created with, readable from the main process only (the Electron e2e
 * test checks it: Electron has no API to read a window's web preferences back).
 */
export const DIAGNOSTICS_KEY = '__switchyardWebPreferences';

/** Keeps a copy of the web preferences for the e2e test; returns them unchanged. */
function recorded(webPreferences: WebPreferences): WebPreferences {
  Reflect.set(globalThis, DIAGNOSTICS_KEY, Object.freeze({ ...webPreferences }));
  return webPreferences;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    title: 'Switchyard',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    // The normative web preferences (DESIGN §1), written out here rather than built elsewhere so
    // that `npm run security` (electronegativity) checks the values themselves. `webviewTag`
    // stays off and there is no `remote`; the page reaches the backend only through the preload.
    webPreferences: recorded({
      preload: options.preloadPath,
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
    }),
  });
  window.once('ready-to-show', () => window.show());
  // Show the window even when the page fails to load, so the failure is visible.
  window.webContents.once('did-fail-load', () => window.show());
  window.loadURL(APP_START_URL).catch((err: unknown) => {
    console.error(`switchyard: could not load the UI: ${err instanceof Error ? err.message : String(err)}`);
  });
  return window;
}
