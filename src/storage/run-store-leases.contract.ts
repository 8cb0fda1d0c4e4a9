import { describe, expect, it } from 'vitest';
import type { FullRunStore } from '#engine';
import { makeEvents, makeRun, rejected, workflow } from './run-store.fixtures.js';

export type Closable = FullRunStore & { close?(): void | Promise<void> };
/** Opens a fresh, empty store whose lease clock is `now` (a networked store opens asynchronously). */
export type StoreFactory = (options: { now: () => number }) => Closable | Promise<Closable>;
/** The time the stores of one test see; tests move it. */
export interface TestTime {
  now: number;
}

const LEASE = 10_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Ownership: claim, renew, release, leaseOf, claimDue, and appends by a lease holder. */
export function describeLeaseContract(open: () => Promise<Closable>, time: TestTime): void {
  describe('leases', () => {
    it('claims a free run, refuses another owner while the lease lives, and extends its own', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      expect(await store.claim('r1', 'a', LEASE)).toBe(true);
      expect(await store.leaseOf('r1')).toEqual({ owner: 'a', expiresAt: iso(time.now + LEASE) });
      expect(await store.claim('r1', 'b', LEASE)).toBe(false);
      time.now += 5000;
      expect(await store.claim('r1', 'a', LEASE)).toBe(true);
      expect(await store.leaseOf('r1')).toEqual({ owner: 'a', expiresAt: iso(time.now + LEASE) });
    });

    it('lets another owner claim once the lease expired; the old owner can no longer renew', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.claim('r1', 'a', LEASE);
      time.now += LEASE - 1;
      expect(await store.claim('r1', 'b', LEASE)).toBe(false);
      time.now += 1;
      expect(await store.leaseOf('r1')).toBeUndefined();
      expect(await store.claim('r1', 'b', LEASE)).toBe(true);
      expect(await store.renew('r1', 'a', LEASE)).toBe(false);
      expect((await store.leaseOf('r1'))?.owner).toBe('b');
    });

    it('renews only for the holder, pushing the expiry out', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      expect(await store.renew('r1', 'a', LEASE)).toBe(false);
      await store.claim('r1', 'a', LEASE);
      time.now += 8000;
      expect(await store.renew('r1', 'a', LEASE)).toBe(true);
      time.now += 8000;
      expect(await store.leaseOf('r1')).toEqual({ owner: 'a', expiresAt: iso(time.now + 2000) });
      expect(await store.claim('r1', 'b', LEASE)).toBe(false);
    });

    it('releases only for the holder', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.claim('r1', 'a', LEASE);
      await store.release('r1', 'b');
      expect((await store.leaseOf('r1'))?.owner).toBe('a');
      await store.release('r1', 'a');
      expect(await store.leaseOf('r1')).toBeUndefined();
      expect(await store.claim('r1', 'b', LEASE)).toBe(true);
    });

    it('refuses the append of an owner whose run another owner claimed, and changes nothing', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.claim('r1', 'a', LEASE);
      await store.append('r1', makeEvents(1, 2), { status: 'running' }, { owner: 'a' });
      time.now += LEASE;
      await store.claim('r1', 'b', LEASE);
      const err = await rejected(store.append('r1', makeEvents(3, 4), { status: 'completed' }, { owner: 'a' }));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain('run "r1"');
      expect(err.message).toContain('b');
      expect(await store.events('r1')).toStrictEqual(makeEvents(1, 2));
      expect((await store.getRun('r1'))?.status).toBe('running');
      await store.append('r1', makeEvents(3, 3), {}, { owner: 'b' });
      // Without an owner only the seq is checked.
      await store.append('r1', makeEvents(4, 4));
      expect(await store.lastSeq('r1')).toBe(4);
    });

    it('refuses, as a lost lease, the append of an owner whose run another took over and released', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.claim('r1', 'a', LEASE);
      await store.append('r1', makeEvents(1, 2), {}, { owner: 'a' });
      time.now += LEASE;
      await store.claim('r1', 'b', LEASE);
      await store.append('r1', makeEvents(3, 4), { status: 'completed' }, { owner: 'b', release: true });
      const err = await rejected(store.append('r1', makeEvents(3, 3), { status: 'failed' }, { owner: 'a' }));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toBe(
        'run "r1" moved on to seq 4 without a (its lease was lost); its events from seq 3 are not recorded',
      );
      expect(await store.events('r1')).toStrictEqual(makeEvents(1, 4));
      expect((await store.getRun('r1'))?.status).toBe('completed');
    });

    it('lets an owner append after its own lease expired while nobody else claimed the run', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.claim('r1', 'a', LEASE);
      time.now += 2 * LEASE;
      await store.append('r1', makeEvents(1, 1), {}, { owner: 'a' });
      expect(await store.lastSeq('r1')).toBe(1);
    });
  });

  describe('createRun with an owner, append with release', () => {
    const lease = (owner: string, leaseMs = LEASE) => ({ owner, leaseMs });

    it('creates the run already leased to its owner', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow, makeEvents(1, 1), lease('a'));
      expect(await store.leaseOf('r1')).toEqual({ owner: 'a', expiresAt: iso(time.now + LEASE) });
      expect(await store.events('r1')).toStrictEqual(makeEvents(1, 1));
      expect(await store.claim('r1', 'b', LEASE)).toBe(false);
      expect(await store.claimDue('b', time.now, 10, LEASE)).toEqual([]);
      expect((await rejected(store.append('r1', makeEvents(2, 2), {}, { owner: 'b' }))).code).toBe('CONFLICT');
      await store.append('r1', makeEvents(2, 2), {}, { owner: 'a' });
      expect(await store.lastSeq('r1')).toBe(2);
    });

    it('refuses an id another owner holds a live lease on, and creates nothing', async () => {
      const store = await open();
      await store.claim('r1', 'b', LEASE);
      const err = await rejected(store.createRun(makeRun('r1'), workflow, makeEvents(1, 1), lease('a')));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toBe('run "r1" is leased to b; a may not create it');
      expect(await store.getRun('r1')).toBeUndefined();
      expect(await store.getWorkflow('r1')).toBeUndefined();
      expect(await store.events('r1')).toEqual([]);
      expect((await store.leaseOf('r1'))?.owner).toBe('b');
      time.now += LEASE;
      await store.createRun(makeRun('r1'), workflow, [], lease('a'));
      expect((await store.leaseOf('r1'))?.owner).toBe('a');
    });

    it('leaves the lease of an existing run alone when it refuses the id', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.claim('r1', 'b', LEASE);
      const err = await rejected(store.createRun(makeRun('r1'), workflow, [], lease('a')));
      expect(err.message).toBe('run "r1" already exists');
      expect(await store.leaseOf('r1')).toEqual({ owner: 'b', expiresAt: iso(time.now + LEASE) });
    });

    it('refuses an owner without a lease time, or with one of 0 ms, and creates nothing', async () => {
      const store = await open();
      expect((await rejected(store.createRun(makeRun('r1'), workflow, [], { owner: 'a' }))).code).toBe('BAD_USAGE');
      expect((await rejected(store.createRun(makeRun('r1'), workflow, [], lease('a', 0)))).code).toBe('BAD_USAGE');
      expect(await store.getRun('r1')).toBeUndefined();
      expect(await store.leaseOf('r1')).toBeUndefined();
    });

    it("ends the owner's lease with the append that releases it", async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow, makeEvents(1, 1), lease('a'));
      await store.append('r1', makeEvents(2, 3), { status: 'completed' }, { owner: 'a', release: true });
      expect(await store.leaseOf('r1')).toBeUndefined();
      expect(await store.events('r1')).toStrictEqual(makeEvents(1, 3));
      expect((await store.getRun('r1'))?.status).toBe('completed');
      expect(await store.claim('r1', 'b', LEASE)).toBe(true);
    });

    it('keeps the lease when the releasing append is refused', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow, makeEvents(1, 1), lease('a'));
      const err = await rejected(store.append('r1', makeEvents(1, 1), {}, { owner: 'a', release: true }));
      expect(err.code).toBe('CONFLICT');
      expect((await store.leaseOf('r1'))?.owner).toBe('a');
    });

    it("never ends another owner's lease: the old owner's releasing append is refused", async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow, [], lease('a'));
      time.now += LEASE;
      await store.claim('r1', 'b', LEASE);
      const err = await rejected(store.append('r1', makeEvents(1, 1), {}, { owner: 'a', release: true }));
      expect(err.code).toBe('CONFLICT');
      expect((await store.leaseOf('r1'))?.owner).toBe('b');
      expect(await store.lastSeq('r1')).toBe(0);
    });

    it('releases nothing when nobody holds the lease, and refuses release without an owner', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'), workflow);
      await store.append('r1', makeEvents(1, 1), {}, { owner: 'a', release: true });
      expect(await store.leaseOf('r1')).toBeUndefined();
      const err = await rejected(store.append('r1', makeEvents(2, 2), { status: 'completed' }, { release: true }));
      expect(err.code).toBe('BAD_USAGE');
      expect(await store.lastSeq('r1')).toBe(1);
      expect((await store.getRun('r1'))?.status).toBe('running');
    });
  });

  describe('claimDue', () => {
    async function seed(store: Closable): Promise<void> {
      const at = (s: number) => `2024-05-01T10:00:0${s}.000Z`;
      await store.createRun(makeRun('interrupted', { startedAt: at(1) }), workflow);
      await store.createRun(makeRun('due', { status: 'waiting', startedAt: at(2) }), workflow);
      await store.append('due', makeEvents(1, 1), { wakeAt: iso(time.now - 1) });
      await store.createRun(makeRun('not-due', { status: 'waiting', startedAt: at(3) }), workflow);
      await store.append('not-due', makeEvents(1, 1), { wakeAt: iso(time.now + 60_000) });
      await store.createRun(makeRun('no-timer', { status: 'waiting', startedAt: at(4) }), workflow);
      await store.createRun(makeRun('leased', { startedAt: at(5) }), workflow);
      await store.claim('leased', 'other', LEASE);
      await store.createRun(makeRun('child', { startedAt: at(6), parentRun: 'due', parentNode: 'sub' }), workflow);
      await store.importRun(makeRun('imported', { startedAt: at(7) }), workflow, makeEvents(1, 1));
      await store.createRun(makeRun('done', { status: 'completed', startedAt: at(8) }), workflow);
      await store.createRun(
        { ...makeRun('created-due', { status: 'waiting', startedAt: at(9) }), wakeAt: iso(0) },
        workflow,
      );
    }

    it('claims interrupted runs and waiting runs whose wake time came, and nothing else', async () => {
      const store = await open();
      await seed(store);
      const claimed = await store.claimDue('me', time.now, 100, LEASE);
      expect([...claimed].sort()).toEqual(['created-due', 'due', 'interrupted']);
      for (const runId of claimed) expect((await store.leaseOf(runId))?.owner).toBe('me');
      expect((await store.leaseOf('leased'))?.owner).toBe('other');
      expect(await store.claimDue('someone', time.now, 100, LEASE)).toEqual([]);
    });

    it('respects the limit and never hands out a claimed run twice', async () => {
      const store = await open();
      await seed(store);
      const first = await store.claimDue('me', time.now, 2, LEASE);
      expect(first).toHaveLength(2);
      const second = await store.claimDue('you', time.now, 2, LEASE);
      expect(second).toHaveLength(1);
      expect(new Set([...first, ...second]).size).toBe(3);
    });

    it('hands a waiting run out once its wake time passes, and a run whose lease expired', async () => {
      const store = await open();
      await seed(store);
      await store.claimDue('me', time.now, 100, LEASE);
      time.now += 60_000;
      expect([...(await store.claimDue('you', time.now, 100, LEASE))].sort()).toEqual([
        'created-due',
        'due',
        'interrupted',
        'leased',
        'not-due',
      ]);
    });

    it('stops handing out a run once its update clears the wake time', async () => {
      const store = await open();
      await seed(store);
      await store.append('due', makeEvents(2, 2), { wakeAt: null });
      await store.append('created-due', makeEvents(1, 1), { status: 'completed', wakeAt: null });
      expect(await store.claimDue('me', time.now, 100, LEASE)).toEqual(['interrupted']);
    });
  });
}
