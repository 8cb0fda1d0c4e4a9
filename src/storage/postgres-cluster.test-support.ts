import { afterAll, beforeAll } from 'vitest';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

// The cluster itself lives in postgres-cluster.ts (the benchmarks use it too); re-exported for the tests.
export { findPostgresBin, freePort, startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

/** What a test file gets from `usePostgres`: whether PostgreSQL is there, and the running cluster. */
export interface PostgresForTests {
  readonly available: boolean;
  /** The cluster of this test file (inside tests and hooks only). */
  readonly cluster: PostgresCluster;
  /** This test file's database. */
  readonly database: string;
  /** The URL of a new, empty schema of the file's database (a fresh store). */
  freshStoreUrl(): Promise<string>;
}

/**
 * Starts a cluster with a database for this test file (beforeAll) and removes it (afterAll).
 * Without PostgreSQL binaries the tests skip, saying why; on CI (CI=true) that is an error.
 *
 * @example
 * const postgres = usePostgres();
 * describe.skipIf(!postgres.available)('on PostgreSQL', () => { ... postgres.cluster.url(...) ... });
 */
export function usePostgres(): PostgresForTests {
  const bin = findPostgresBin();
  if (bin === undefined) {
    const reason = 'no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)';
    if (process.env['CI'] === 'true') throw new Error(`PostgreSQL tests cannot run on CI: ${reason}`);
    console.warn(`skipping the PostgreSQL tests: ${reason}`);
  }
  let cluster: PostgresCluster | undefined;
  let database: string | undefined;
  let schemas = 0;
  if (bin !== undefined) {
    beforeAll(async () => {
      cluster = await startPostgresCluster(bin);
      database = await cluster.createDatabase();
    }, 120_000);
    afterAll(() => cluster?.stop());
  }
  const started = () => {
    if (cluster === undefined || database === undefined) throw new Error('the PostgreSQL cluster is not running');
    return { cluster, database };
  };
  return {
    available: bin !== undefined,
    get cluster() {
      return started().cluster;
    },
    get database() {
      return started().database;
    },
    async freshStoreUrl() {
      const { cluster: running, database: db } = started();
      const schema = `store_${++schemas}`;
      await running.sql(db, `CREATE SCHEMA ${schema}`);
      return running.url(db, { schema });
    },
  };
}
