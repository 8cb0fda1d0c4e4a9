export { BackendError, errorMessage } from './backend-error.js';
export type { SwitchyardBridge } from './bridge.js';
export { createHttpTransport } from './http-transport.js';
export { createIpcTransport } from './ipc-transport.js';
export { createMemoryTransport } from './memory-transport.js';
export { pickTransport } from './pick-transport.js';
export {
  createApi,
  unwrapEnvelope,
  type EnvelopeCaller,
  type MenuListener,
  type RunEventsListener,
  type Transport,
} from './transport.js';
