import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchyardError, type HistoryEvent } from '#shared';
import { freePort, usePostgres } from './postgres-cluster.test-support.js';
import { PostgresRunStore } from './postgres-run-store.js';
import { makeEvent, makeEvents, makeRun, rejected, workflow } from './run-store.fixtures.js';

const postgres = usePostgres();

describe.skipIf(!postgres.available)('PostgresRunStore under faults and concurrency', () => {
  const stores: PostgresRunStore[] = [];
  const clients: Client[] = [];
  const open = async (url: string): Promise<PostgresRunStore> => {
    const store = await PostgresRunStore.open(url);
    stores.push(store);
    return store;
  };
  /** A connection of the test's own, as an operator's psql would be. */
  const connect = async (url: string): Promise<Client> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const client of clients.splice(0)) await client.end();
  });

  async function openError(url: string): Promise<SwitchyardError> {
    return rejected(PostgresRunStore.open(url).then((store) => store.close()));
  }

  /** Events whose node names the writer, so the history shows who won each seq. */
  const by = (writer: string, from: number, count: number): HistoryEvent[] =>
    Array.from({ length: count }, (_, i) => makeEvent(from + i, 'node.completed', { node: writer }));

  describe('connecting', () => {
    it('reports a wrong password as STORE_FAILED naming the store, never the password', async () => {
      const url = postgres.cluster.url(postgres.database, { password: 'Wr0ng-s3cret' });
      const err = await openError(url);
      expect(err.code).toBe('STORE_FAILED');
      expect(err.message).toBe(
        `run store postgres://postgres@127.0.0.1:${postgres.cluster.port}/${postgres.database}: ` +
          'password authentication failed for user "postgres" (28P01)',
      );
      expect(err.message).not.toContain('Wr0ng-s3cret');
      expect(err.stack ?? '').not.toContain('Wr0ng-s3cret');
    });

    it('reports a port nobody listens on as STORE_FAILED: cannot connect', async () => {
      const port = await freePort();
      const err = await openError(`postgres://ana:hunter2@127.0.0.1:${port}/runs`);
      expect(err.code).toBe('STORE_FAILED');
      expect(err.message).toBe(
        `run store postgres://ana@127.0.0.1:${port}/runs: cannot connect: connect ECONNREFUSED 127.0.0.1:${port}`,
      );
    });

    it('reports a database that does not exist', async () => {
      const err = await openError(postgres.cluster.url('no_such_db'));
      expect(err.code).toBe('STORE_FAILED');
      expect(err.message).toContain('/no_such_db: database "no_such_db" does not exist (3D000)');
      expect(err.message).not.toContain(postgres.cluster.password);
    });

    it('refuses a URL that is not a PostgreSQL one with BAD_USAGE', async () => {
      expect((await openError('mysql://root:pw@127.0.0.1/db')).code).toBe('BAD_USAGE');
    });
  });

  describe('two stores on one run (as two processes)', () => {
    it('lets exactly one of two appends of the same seq win, every time', async () => {
      const url = await postgres.freshStoreUrl();
      const [a, b] = await Promise.all([open(url), open(url)]);
      await a.createRun(makeRun('r1'), workflow);
      for (let seq = 1; seq <= 25; seq++) {
        const results = await Promise.allSettled([a.append('r1', by('A', seq, 2)), b.append('r1', by('B', seq, 2))]);
        const won = results.filter((result) => result.status === 'fulfilled');
        expect(won).toHaveLength(1);
        const lost = results.find((result) => result.status === 'rejected');
        expect(lost?.reason).toMatchObject({ code: 'CONFLICT' });
        // The loser's batch started at the same seq: the next round starts after the winner's two.
        seq++;
      }
      const events = await b.events('r1');
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    });

    it('keeps seqs gapless while two stores append as fast as they can, retrying on CONFLICT', async () => {
      const url = await postgres.freshStoreUrl();
      const [a, b] = await Promise.all([open(url), open(url)]);
      await a.createRun(makeRun('r1'), workflow);
      const writer = async (store: PostgresRunStore, name: string): Promise<number> => {
        let written = 0;
        let conflicts = 0;
        for (let batch = 0; batch < 40;) {
          const size = 1 + (batch % 3);
          const next = ((await store.lastSeq('r1')) ?? 0) + 1;
          try {
            await store.append('r1', by(name, next, size));
            written += size;
            batch++;
          } catch (err) {
            if (!(err instanceof SwitchyardError && err.code === 'CONFLICT')) throw err;
            conflicts++;
          }
        }
        expect(conflicts).toBeLessThan(10_000);
        return written;
      };
      const [writtenA, writtenB] = await Promise.all([writer(a, 'A'), writer(b, 'B')]);
      const events = await a.events('r1');
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: writtenA + writtenB }, (_, i) => i + 1));
      expect(events.filter((event) => event.node === 'A')).toHaveLength(writtenA);
      expect(await b.lastSeq('r1')).toBe(writtenA + writtenB);
    });

    it('hands each due run to exactly one of two stores claiming at once', async () => {
      const url = await postgres.freshStoreUrl();
      const [a, b] = await Promise.all([open(url), open(url)]);
      for (let i = 0; i < 40; i++) await a.createRun(makeRun(`r${i}`), workflow);
      const [gotA, gotB] = await Promise.all([
        a.claimDue('A', Date.now(), 25, 30_000),
        b.claimDue('B', Date.now(), 25, 30_000),
      ]);
      expect(gotA.length + gotB.length).toBe(40);
      expect(new Set([...gotA, ...gotB]).size).toBe(40);
      for (const runId of gotB) expect((await a.leaseOf(runId))?.owner).toBe('B');
    });

    it('lets exactly one of two stores win each claim race, and refuses the loser its appends', async () => {
      const url = await postgres.freshStoreUrl();
      const [a, b] = await Promise.all([open(url), open(url)]);
      for (let i = 0; i < 15; i++) {
        const runId = `r${i}`;
        await a.createRun(makeRun(runId), workflow);
        const [wonA, wonB] = await Promise.all([a.claim(runId, 'A', 30_000), b.claim(runId, 'B', 30_000)]);
        expect([wonA, wonB].filter(Boolean)).toHaveLength(1);
        const loser = wonA ? b : a;
        const err = await rejected(loser.append(runId, makeEvents(1, 1), {}, { owner: wonA ? 'B' : 'A' }));
        expect(err.code).toBe('CONFLICT');
      }
    });
  });

  describe('a connection dropped mid-append', () => {
    it('fails the append with STORE_FAILED and leaves no part of it behind; the store carries on', async () => {
      const url = await postgres.freshStoreUrl();
      const store = await open(url);
      await store.createRun(makeRun('r1'), workflow, makeEvents(1, 2));
      const admin = await connect(url);
      // The append's batch row is inserted, then its trigger waits for a lock the test holds:
      // the connection is killed there, after the insert and the run update, before the commit.
      await admin.query(`CREATE FUNCTION hold_append() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_lock(4242); PERFORM pg_advisory_unlock(4242); RETURN NEW; END $$`);
      await admin.query(
        'CREATE TRIGGER hold_append AFTER INSERT ON event_batches FOR EACH ROW EXECUTE FUNCTION hold_append()',
      );
      await admin.query('SELECT pg_advisory_lock(4242)');
      const append = store.append('r1', makeEvents(3, 5), { status: 'completed', output: 'half' });
      const failed = rejected(append);
      let pid: number | undefined;
      for (let tries = 0; pid === undefined && tries < 500; tries++) {
        const waiting = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE application_name = 'switchyard' AND wait_event = 'advisory'",
        );
        pid = waiting.rows[0]?.pid;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(pid).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const err = await failed;
      expect(err.code).toBe('STORE_FAILED');
      expect(err.message).toMatch(/^run store postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+: /);
      expect(err.message).toContain('terminating connection due to administrator command');
      await admin.query('SELECT pg_advisory_unlock(4242)');
      await admin.query('DROP TRIGGER hold_append ON event_batches');
      expect(await store.events('r1')).toStrictEqual(makeEvents(1, 2));
      expect(await store.getRun('r1')).toStrictEqual(makeRun('r1'));
      await store.append('r1', makeEvents(3, 5), { status: 'completed' });
      expect(await store.lastSeq('r1')).toBe(5);
    });
  });
});
