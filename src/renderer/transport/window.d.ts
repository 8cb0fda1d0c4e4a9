import type { SwitchyardBridge } from './bridge.js';

declare global {
  interface Window {
    /** Present only inside the Electron app (set by the preload script). */
    switchyard?: SwitchyardBridge;
  }
}
