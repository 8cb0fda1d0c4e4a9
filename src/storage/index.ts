export { SqliteRunStore, type SqliteRunStoreOptions } from './sqlite-run-store.js';
export { PostgresRunStore, type PostgresRunStoreOptions } from './postgres-run-store.js';
export { postgresLocation, type PostgresLocation } from './postgres-location.js';
// The memory store lives in the engine (browser-safe); re-exported here for older imports.
export { MemoryRunStore, type FullRunStore } from '#engine';
// Throwaway clusters for the tests and benchmarks (initdb/pg_ctl); not part of the run store itself.
export { findPostgresBin, startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
