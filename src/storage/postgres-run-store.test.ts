import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '#shared';
import { usePostgres } from './postgres-cluster.test-support.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION, VERSIONS_TABLE } from './postgres-migrations.js';
import { PostgresRunStore } from './postgres-run-store.js';
import { describeRunStoreContract } from './run-store.contract.js';
import { makeEvents, makeRun, workflow } from './run-store.fixtures.js';

const postgres = usePostgres();

describe.skipIf(!postgres.available)('on PostgreSQL', () => {
  describeRunStoreContract('PostgresRunStore', async (options) =>
    PostgresRunStore.open(await postgres.freshStoreUrl(), options),
  );

  describe('PostgresRunStore on a server', () => {
    const stores: PostgresRunStore[] = [];
    const open = async (url: string): Promise<PostgresRunStore> => {
      const store = await PostgresRunStore.open(url);
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
    });

    /** Rows of `sql` run on the store at `url` (its schema) through a connection of the test's own. */
    async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await client.end();
      }
    }

    async function openError(url: string): Promise<SwitchyardError> {
      const err: unknown = await PostgresRunStore.open(url).then(
        async (store) => {
          await store.close();
          throw new Error('expected opening the store to fail');
        },
        (failure: unknown) => failure,
      );
      if (err instanceof SwitchyardError) return err;
      throw err;
    }

    const label = () => `postgres://postgres@127.0.0.1:${postgres.cluster.port}/${postgres.database}`;

    it('creates its tables on open and records the schema version once, however often it is opened', async () => {
      const url = await postgres.freshStoreUrl();
      // Two processes opening a new database at once: the advisory lock lets one migrate.
      await Promise.all([open(url), open(url), open(url)]);
      await open(url);
      const tables = await rows(
        url,
        'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
      );
      expect(tables.map((row) => row['tablename'])).toEqual([
        'checkpoints',
        'deployed_workflows',
        'documents',
        'event_batches',
        'leases',
        'runs',
        'schedule_states',
        VERSIONS_TABLE,
      ]);
      const versions = await rows(url, `SELECT version FROM ${VERSIONS_TABLE}`);
      expect(versions).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
    });

    it('refuses a database of a newer schema, naming both versions, and changes nothing', async () => {
      const url = await postgres.freshStoreUrl();
      await (await open(url)).createRun(makeRun('r1'), workflow);
      await rows(url, `INSERT INTO ${VERSIONS_TABLE} (version) VALUES (${POSTGRES_SCHEMA_VERSION + 4})`);
      const err = await openError(url);
      expect(err.code).toBe('STORE_FAILED');
      expect(err.message).toBe(
        `database ${label()} has schema version ${POSTGRES_SCHEMA_VERSION + 4}; this program knows up to ${POSTGRES_SCHEMA_VERSION}`,
      );
      expect(await rows(url, 'SELECT id FROM runs')).toEqual([{ id: 'r1' }]);
    });

    it('shares runs between two stores (as two processes) both ways', async () => {
      const url = await postgres.freshStoreUrl();
      const [first, second] = await Promise.all([open(url), open(url)]);
      await first.createRun(makeRun('r1'), workflow);
      await first.append('r1', makeEvents(1, 2), { status: 'waiting' });
      expect((await second.getRun('r1'))?.status).toBe('waiting');
      await expect(second.append('r1', makeEvents(2, 2))).rejects.toThrow('expected seq 3, got 2');
      await second.append('r1', makeEvents(3, 3), { status: 'completed', output: { ok: true } });
      expect(await first.events('r1')).toStrictEqual(makeEvents(1, 3));
      expect(await first.getRun('r1')).toMatchObject({ status: 'completed', output: { ok: true } });
    });

    it('splits a long append into batches and reads any range of it back', async () => {
      const store = await open(await postgres.freshStoreUrl());
      await store.createRun(makeRun('long'), workflow, makeEvents(1, 300));
      await store.append('long', makeEvents(301, 900));
      expect(await store.lastSeq('long')).toBe(900);
      expect(await store.events('long', 250, 260)).toStrictEqual(makeEvents(250, 260));
      expect(await store.events('long', 555, 1000)).toStrictEqual(makeEvents(555, 900));
      expect(await store.events('long')).toHaveLength(900);
    });

    it('orders runs byte by byte, as the other stores do, whatever the locale', async () => {
      const store = await open(await postgres.freshStoreUrl());
      const ids = ['b', 'B', '_x', 'a-2', 'a_1', 'Z'];
      for (const id of ids) await store.createRun(makeRun(id), workflow);
      expect((await store.listRuns()).map((run) => run.id)).toEqual([...ids].sort());
    });

    it('stores a workflow document once for all its runs and drops it with its last run', async () => {
      const url = await postgres.freshStoreUrl();
      const store = await open(url);
      await store.createRun(makeRun('r1'), workflow);
      await store.createRun(makeRun('r2'), workflow);
      await store.createRun(makeRun('r3'), { ...workflow, version: workflow.version + 1 });
      const documents = async () => (await rows(url, 'SELECT count(*)::int AS n FROM documents'))[0]?.['n'];
      expect(await documents()).toBe(2);
      await store.deleteRun('r1');
      expect(await store.getWorkflow('r2')).toStrictEqual(workflow);
      expect(await documents()).toBe(2);
      await store.deleteRun('r2');
      expect(await documents()).toBe(1);
    });

    it('tells a watching store of every status change another store writes, and only of its own schema', async () => {
      const url = await postgres.freshStoreUrl();
      const watcher = await open(url);
      const writer = await open(url);
      const other = await open(await postgres.freshStoreUrl());
      const seen: unknown[] = [];
      const stop = await watcher.watchRuns((change) => seen.push(change));
      try {
        await writer.createRun(makeRun('r1'), workflow, makeEvents(1, 1));
        await writer.append('r1', makeEvents(2, 2), { status: 'running' });
        await writer.append('r1', makeEvents(3, 3), { status: 'waiting' });
        await writer.append('r1', makeEvents(4, 4), { status: 'completed', endedAt: '2026-01-01T00:00:01.000Z' });
        await other.createRun(makeRun('elsewhere'), workflow);
        for (let i = 0; i < 100 && seen.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen).toEqual([
          { runId: 'r1', status: 'running' },
          { runId: 'r1', status: 'waiting' },
          { runId: 'r1', status: 'completed' },
        ]);
      } finally {
        await stop();
      }
    });

    it('tells a watching store of every append another store writes, with its last seq, and only of its own schema', async () => {
      const url = await postgres.freshStoreUrl();
      const watcher = await open(url);
      const writer = await open(url);
      const other = await open(await postgres.freshStoreUrl());
      const seen: unknown[] = [];
      const stop = await watcher.watchAppends((append) => seen.push(append));
      try {
        await writer.createRun(makeRun('r1'), workflow, makeEvents(1, 1));
        await writer.append('r1', makeEvents(2, 4));
        await writer.append('r1', makeEvents(5, 5), { status: 'waiting' });
        await other.createRun(makeRun('elsewhere'), workflow, makeEvents(1, 1));
        await other.append('elsewhere', makeEvents(2, 2));
        for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen).toEqual([
          { runId: 'r1', lastSeq: 4 },
          { runId: 'r1', lastSeq: 5 },
        ]);
      } finally {
        await stop();
      }
    });

    it('hands racing claimers every due run once, and none of them comes back empty while free runs are due', async () => {
      const url = await postgres.freshStoreUrl();
      const writer = await open(url);
      const claimers = await Promise.all([open(url), open(url), open(url), open(url)]);
      for (let i = 0; i < 200; i++) await writer.createRun(makeRun(`r${String(i).padStart(3, '0')}`), workflow);
      const claimed: string[] = [];
      /** How many runs were claimed already when a claimer came back empty. */
      const emptyAt: number[] = [];
      await Promise.all(
        claimers.map(async (store, n) => {
          for (;;) {
            const ids = await store.claimDue(`w${n}`, Date.now(), 10, 60_000);
            claimed.push(...ids);
            if (ids.length === 0) {
              emptyAt.push(claimed.length);
              return;
            }
          }
        }),
      );
      expect(claimed).toHaveLength(200);
      expect(new Set(claimed).size).toBe(200);
      // Empty only once the others' claims in flight hold all that is left (at most 3 × 10 runs).
      for (const count of emptyAt) expect(count).toBeGreaterThanOrEqual(200 - (claimers.length - 1) * 10);
    });

    it('reports a row it cannot read as STORE_FAILED naming the store', async () => {
      const url = await postgres.freshStoreUrl();
      const store = await open(url);
      await store.createRun(makeRun('r1'), workflow);
      await rows(url, "UPDATE runs SET status = 'exploded' WHERE id = 'r1'");
      await expect(store.getRun('r1')).rejects.toThrow(`run store ${label()} holds a malformed row of run "r1"`);
    });
  });
});
