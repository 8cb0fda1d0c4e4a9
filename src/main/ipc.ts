import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { BackendApi, Envelope, RunEventsMessage } from '#shared';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from '../preload/bridge-contract.js';
import { dispatch, type CallObserver } from './dispatch.js';
import { isAppUrl } from './security-policy.js';

export interface IpcBridgeOptions {
  backend: BackendApi;
  /** Live run events; returns the unsubscribe function. */
  subscribe(listener: (message: RunEventsMessage) => void): () => void;
  /** The app window, if one is open: only its main frame may call the backend. */
  window(): BrowserWindow | undefined;
  observe?: CallObserver;
}

/** True when the call comes from our window's top frame showing our own page (not an iframe, not another origin). */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  const mainFrame = window.webContents.mainFrame;
  return (
    event.sender.id === window.webContents.id &&
    frame !== null &&
    frame.processId === mainFrame.processId &&
    frame.routingId === mainFrame.routingId &&
    isAppUrl(frame.url)
  );
}

/**
 * The IPC side of the Backend API: one invoke channel validated with the shared schemas
 * (see dispatch.ts) and one push channel for live run events. Returns a function that
 * removes both.
 */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, params: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, options.window())) {
      return {
        error: { code: 'UNAUTHORIZED', message: 'Backend API calls are accepted only from the Switchyard window' },
      };
    }
    return dispatch(options.backend, method, params, options.observe);
  });
  const unsubscribe = options.subscribe((message) => {
    const window = options.window();
    if (window && !window.isDestroyed()) window.webContents.send(EVENTS_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
