// Runs sandboxed (no Node): it may only require 'electron'. Bundled to dist/preload/preload.cjs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RunEventsMessage } from '#shared';
import {
  BRIDGE_METHODS,
  EVENTS_CHANNEL,
  INVOKE_CHANNEL,
  MENU_CHANNEL,
  isBridgeMethod,
  isMenuCommand,
  type EventsListener,
  type MenuListener,
  type SwitchyardBridge,
} from './bridge-contract.js';

/** Subscribes to a channel without ever handing the IpcRendererEvent (and its `sender`) to the page. */
function listen(channel: string, handler: (...args: unknown[]) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, ...args: unknown[]): void => handler(...args);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

// Main only sends what the backend committed; this is a shape check, not a full validation.
function isRunEventsMessage(value: unknown): value is RunEventsMessage {
  if (typeof value !== 'object' || value === null) return false;
  return 'runId' in value && typeof value.runId === 'string' && 'events' in value && Array.isArray(value.events);
}

const bridge: SwitchyardBridge = {
  invoke(method, params) {
    if (!isBridgeMethod(method)) {
      const message = `unknown method ${JSON.stringify(String(method))}; the Backend API has ${BRIDGE_METHODS.join(', ')}`;
      return Promise.resolve({ error: { code: 'NOT_FOUND', message } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, params);
  },
  onEvents(listener: EventsListener) {
    if (typeof listener !== 'function') throw new TypeError('onEvents expects a function');
    return listen(EVENTS_CHANNEL, (message) => {
      if (isRunEventsMessage(message)) listener(message);
    });
  },
  onMenu(listener: MenuListener) {
    if (typeof listener !== 'function') throw new TypeError('onMenu expects a function');
    return listen(MENU_CHANNEL, (command, file) => {
      if (!isMenuCommand(command)) return;
      if (typeof file === 'string') listener(command, file);
      else listener(command);
    });
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('switchyard', bridge);
