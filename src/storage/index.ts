export { SqliteRunStore, type SqliteRunStoreOptions } from './sqlite-run-store.js';
// The memory store lives in the engine (browser-safe); re-exported here for older imports.
export { MemoryRunStore, type FullRunStore } from '#engine';
