import type { BackendMethod, Envelope } from '#shared';

/** What the Electron preload exposes on `window.switchyard` (see src/preload). */
export interface SwitchyardBridge {
  invoke(method: BackendMethod, params: unknown): Promise<Envelope<unknown>>;
  onEvents(listener: (message: unknown) => void): () => void;
  onMenu(listener: (command: string) => void): () => void;
}
