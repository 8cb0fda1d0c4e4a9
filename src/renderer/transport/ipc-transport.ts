import { RunEventsMessage } from '#shared';
import type { SwitchyardBridge } from './bridge.js';
import { createApi, type Transport } from './transport.js';

/**
 * The Backend API over Electron IPC: the preload script exposes `window.switchyard`
 * (contextBridge + ipcRenderer.invoke); every answer is the same envelope as over HTTP.
 */
export function createIpcTransport(bridge: SwitchyardBridge): Transport {
  return {
    kind: 'ipc',
    ...createApi((method, params) => bridge.invoke(method, params)),
    subscribe(listener) {
      return bridge.onEvents((message: unknown) => {
        const parsed = RunEventsMessage.safeParse(message);
        if (parsed.success) listener(parsed.data);
      });
    },
    onMenu(listener) {
      return bridge.onMenu(listener);
    },
  };
}
