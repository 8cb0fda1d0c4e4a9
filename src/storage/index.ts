export { SqliteRunStore } from './sqlite-run-store.js';
export { MemoryRunStore } from './memory-run-store.js';
export type { FullRunStore } from './full-run-store.js';
