import { Client } from 'pg';
import type { FullRunStore } from '#engine';
import { PostgresRunStore } from '#storage';
import { benchEngine, engineOn, rawDatabase, type BenchEngine, type RawEventRow } from './bench-host.js';
import { benchDatabase, postgresUnavailable } from './bench-postgres.js';
import { skipped, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';

/**
 * The run store a latency benchmark (B1, B2) runs on, with its raw baseline's table on the same
 * kind of store: the embedded SQLite file, or a PostgreSQL database on the benchmarks' cluster.
 */
export interface BenchStore {
  /** Appended to benchmark ids ('' or '-PG') and named in titles. */
  suffix: string;
  label: string;
  /** Why it cannot run here (a skip reason), or undefined. */
  unavailable(): string | undefined;
  /** The real engine on a fresh store. */
  engine(name: string): Promise<BenchEngine<FullRunStore>>;
  /** The baseline's events table (run_id, seq, at, type, node, data; key run_id + seq) on a fresh store. */
  raw(name: string): Promise<RawEvents>;
}

export interface RawEvents {
  /** One row in a transaction of its own. */
  insert(row: RawEventRow): Promise<void>;
  /** Rows in one transaction. */
  insertAll(rows: readonly RawEventRow[]): Promise<void>;
  close(): Promise<void>;
}

export const sqliteStore: BenchStore = {
  suffix: '',
  label: 'SQLite',
  unavailable: () => undefined,
  engine: async (name) => benchEngine(name),
  async raw(name) {
    const { db, insert } = rawDatabase(name);
    const insertAll = db.transaction((rows: readonly RawEventRow[]) => {
      for (const row of rows) insert.run(row);
    });
    return {
      insert: async (row) => void insert.run(row),
      insertAll: async (rows) => insertAll(rows),
      close: async () => void db.close(),
    };
  },
};

export const postgresStore: BenchStore = {
  suffix: '-PG',
  label: 'PostgreSQL',
  unavailable: () => postgresUnavailable({ needsCli: false }),
  async engine() {
    const database = await benchDatabase();
    const store = await PostgresRunStore.open(database.url);
    return {
      engine: engineOn(store),
      store,
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  },
  async raw() {
    const database = await benchDatabase();
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`CREATE TABLE events (
      run_id text COLLATE "C" NOT NULL, seq integer NOT NULL, at text NOT NULL, type text NOT NULL, node text,
      data text, PRIMARY KEY (run_id, seq))`);
    // Named: parsed and planned once, as the store's own hot statements are.
    const insert = (row: RawEventRow) =>
      client.query({
        name: 'raw-insert',
        text: 'INSERT INTO events (run_id, seq, at, type, node, data) VALUES ($1, $2, $3, $4, $5, $6)',
        values: [row.runId, row.seq, row.at, row.type, row.node, row.data],
      });
    return {
      insert: async (row) => void (await insert(row)),
      async insertAll(rows) {
        await client.query('BEGIN');
        try {
          for (const row of rows) await insert(row);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      },
      close: async () => {
        await client.end();
        await database.drop();
      },
    };
  },
};

/** What a store benchmark measures with: the engine and the baseline's table on one kind of store. */
export interface StoreSession {
  /** The benchmark's id on this store (`B1`, `B1-PG`). */
  id: string;
  store: BenchStore;
  host: BenchEngine<FullRunStore>;
  raw: RawEvents;
  config: BenchConfig;
}

/**
 * One benchmark's code run on `store`: its id and title name the store, it is skipped where the
 * store is unavailable, and the engine's store and the baseline's table are closed however it ends.
 *
 * @example
 * export const b1Postgres = storeBenchmark('B1', 'engine step overhead', postgresStore, measureStepOverhead);
 */
export function storeBenchmark(
  id: string,
  title: string,
  store: BenchStore,
  measure: (session: StoreSession) => Promise<BenchOutcome>,
): Benchmark {
  const storeId = `${id}${store.suffix}`;
  const storeTitle = store.suffix === '' ? title : `${title} on ${store.label}`;
  return {
    id: storeId,
    title: storeTitle,
    async run(config) {
      const unavailable = store.unavailable();
      if (unavailable !== undefined) return skipped(storeId, storeTitle, unavailable).run(config);
      const host = await store.engine(`${storeId}-project`);
      try {
        const raw = await store.raw(`${storeId}-raw`);
        try {
          return await measure({ id: storeId, store, host, raw, config });
        } finally {
          await raw.close();
        }
      } finally {
        await host.close();
      }
    },
  };
}
