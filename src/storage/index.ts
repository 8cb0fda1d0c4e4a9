export { SqliteRunStore, type SqliteRunStoreOptions } from './sqlite-run-store.js';
export { PostgresRunStore, type PostgresRunStoreOptions } from './postgres-run-store.js';
export { postgresLocation, type PostgresLocation } from './postgres-location.js';
// The memory store lives in the engine (browser-safe); re-exported here for older imports.
export { MemoryRunStore, type FullRunStore } from '#engine';
