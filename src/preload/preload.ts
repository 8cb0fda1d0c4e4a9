// Runs sandboxed (no Node): it may only require 'electron'. Bundled to dist/preload/preload.cjs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RunEventsMessage } from '#shared';
import {
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
function listen<A extends unknown[]>(channel: string, handler: (...args: A) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, ...args: unknown[]): void => handler(...(args as A));
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: SwitchyardBridge = {
  invoke(method, params) {
    if (!isBridgeMethod(method)) {
      const message = `"${String(method)}" is not a Backend API method`;
      return Promise.resolve({ error: { code: 'BAD_USAGE', message } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, params);
  },
  onEvents(listener: EventsListener) {
    if (typeof listener !== 'function') throw new TypeError('onEvents expects a function');
    return listen(EVENTS_CHANNEL, (message: RunEventsMessage) => listener(message));
  },
  onMenu(listener: MenuListener) {
    if (typeof listener !== 'function') throw new TypeError('onMenu expects a function');
    return listen(MENU_CHANNEL, (command: unknown, file: unknown) => {
      if (!isMenuCommand(command)) return;
      if (typeof file === 'string') listener(command, file);
      else listener(command);
    });
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('switchyard', bridge);
