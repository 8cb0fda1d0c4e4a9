import { afterEach, describe, expect, it } from 'vitest';
import { Workflow } from '#shared';
import type { FullRunStore } from '#engine';
import { describeLeaseContract, type Closable, type StoreFactory, type TestTime } from './run-store-leases.contract.js';
import { describeTriggerContract } from './run-store-triggers.contract.js';
import { makeEvent, makeEvents, makeRun, rejected, workflow } from './run-store.fixtures.js';

/** The behaviour every RunStore of this layer must share; run once per implementation. */
export function describeRunStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`${name} (RunStore contract)`, () => {
    const opened: Closable[] = [];
    const time: TestTime = { now: Date.parse('2026-01-01T00:00:00.000Z') };
    const open = async (): Promise<Closable> => {
      const store = await makeStore({ now: () => time.now });
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close?.();
      time.now = Date.parse('2026-01-01T00:00:00.000Z');
    });

    it('fixture workflow is a valid document', () => {
      expect(Workflow.parse(workflow)).toEqual(workflow);
    });

    describe('createRun / getRun / getWorkflow', () => {
      it('stores the run and its workflow, with optional fields absent', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        const run = await store.getRun('r1');
        expect(run).toStrictEqual(makeRun('r1'));
        for (const key of ['output', 'error', 'parentRun', 'forkSeq', 'parentNode', 'endedAt', 'imported']) {
          expect(run).not.toHaveProperty(key);
        }
        expect(await store.getWorkflow('r1')).toStrictEqual(workflow);
      });

      it('round-trips every optional field', async () => {
        const store = await open();
        const run = makeRun('r2', {
          status: 'failed',
          output: [1, { x: null }],
          error: { code: 'TASK_FAILED', message: 'boom' },
          parentRun: 'r1',
          forkSeq: 7,
          parentNode: 'each',
          endedAt: '2024-05-01T11:00:00.000Z',
        });
        await store.createRun(run, workflow);
        expect(await store.getRun('r2')).toStrictEqual(run);
      });

      it('returns undefined / [] for an unknown run', async () => {
        const store = await open();
        expect(await store.getRun('nope')).toBeUndefined();
        expect(await store.getWorkflow('nope')).toBeUndefined();
        expect(await store.events('nope')).toEqual([]);
      });

      it('refuses a duplicate id with CONFLICT and keeps the first run', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        const err = await rejected(
          store.createRun(makeRun('r1', { status: 'completed', workflowId: 'other' }), workflow),
        );
        expect(err.code).toBe('CONFLICT');
        expect(err.message).toBe('run "r1" already exists');
        expect(await store.getRun('r1')).toStrictEqual(makeRun('r1'));
      });

      it('refuses values that are not JSON and stores nothing', async () => {
        const store = await open();
        const err = await rejected(store.createRun(makeRun('big', { input: { n: 10n } }), workflow));
        expect(err.code).toBe('STORE_FAILED');
        expect(err.message).toContain('the input of run "big"');
        expect(await store.getRun('big')).toBeUndefined();
      });

      it('keeps its own copy of what it is given', async () => {
        const store = await open();
        const run = makeRun('r1');
        const events = makeEvents(1, 1);
        await store.createRun(run, workflow);
        await store.append('r1', events);
        (run.input as { orderId: number }).orderId = 0;
        (events[0]!.data as { output: number }).output = 0;
        expect((await store.getRun('r1'))?.input).toEqual({ orderId: 42, tags: ['a', 'b'] });
        expect((await store.events('r1'))[0]?.data).toEqual({ output: 1 });
      });
    });

    describe('append / events', () => {
      it('reads back what was appended, in seq order, node and data absent when not given', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        const first = [makeEvent(1, 'run.started', { data: { input: { orderId: 42 } } }), makeEvent(2, 'run.resumed')];
        await store.append('r1', first);
        await store.append('r1', makeEvents(3, 6));
        const events = await store.events('r1');
        expect(events).toStrictEqual([...first, ...makeEvents(3, 6)]);
        expect(events[1]).not.toHaveProperty('node');
        expect(events[1]).not.toHaveProperty('data');
      });

      it('reads inclusive seq ranges', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 10));
        const seqs = async (from?: number, to?: number) => (await store.events('r1', from, to)).map((e) => e.seq);
        expect(await seqs(3, 5)).toEqual([3, 4, 5]);
        expect(await seqs(8)).toEqual([8, 9, 10]);
        expect(await seqs(undefined, 2)).toEqual([1, 2]);
        expect(await seqs(0, 1)).toEqual([1]);
        expect(await seqs(5, 5)).toEqual([5]);
        expect(await seqs(6, 5)).toEqual([]);
        expect(await seqs(11, 20)).toEqual([]);
        expect(await seqs(9, 1000)).toEqual([9, 10]);
      });

      it('keeps histories of different runs apart', async () => {
        const store = await open();
        await store.createRun(makeRun('a'), workflow);
        await store.createRun(makeRun('b'), workflow);
        await store.append('a', makeEvents(1, 3));
        await store.append('b', makeEvents(1, 1));
        expect(await store.events('a')).toHaveLength(3);
        expect(await store.events('b')).toStrictEqual(makeEvents(1, 1));
      });

      it('refuses a first event that is not seq 1', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        const err = await rejected(store.append('r1', makeEvents(2, 3)));
        expect(err.code).toBe('CONFLICT');
        expect(err.message).toBe('history of run "r1" would have a gap: expected seq 1, got 2');
        expect(await store.events('r1')).toEqual([]);
      });

      it('refuses a batch with a hole and writes nothing of it, not even the update', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 2));
        const batch = [makeEvent(3), makeEvent(4), makeEvent(6)];
        const err = await rejected(store.append('r1', batch, { status: 'completed', output: 'x' }));
        expect(err.message).toBe('history of run "r1" would have a gap: expected seq 5, got 6');
        expect((await store.events('r1')).map((e) => e.seq)).toEqual([1, 2]);
        expect(await store.getRun('r1')).toStrictEqual(makeRun('r1'));
        await store.append('r1', makeEvents(3, 3));
        expect(await store.events('r1')).toHaveLength(3);
      });

      it('refuses an event already in the history', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 2));
        const err = await rejected(store.append('r1', makeEvents(2, 3), { status: 'completed' }));
        expect(err.code).toBe('CONFLICT');
        expect(err.message).toContain('expected seq 3, got 2');
        expect(await store.events('r1')).toStrictEqual(makeEvents(1, 2));
        expect(await store.getRun('r1')).toStrictEqual(makeRun('r1'));
      });

      it('refuses an unknown run with RUN_NOT_FOUND', async () => {
        const store = await open();
        const err = await rejected(store.append('ghost', makeEvents(1, 1)));
        expect(err.code).toBe('RUN_NOT_FOUND');
        expect(err.message).toContain('run "ghost" does not exist');
      });
    });

    describe('run updates', () => {
      it('applies status, output, error and endedAt with the events', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 1), { status: 'waiting' });
        expect((await store.getRun('r1'))?.status).toBe('waiting');
        await store.append('r1', [makeEvent(2, 'run.failed')], {
          status: 'failed',
          error: { code: 'HTTP_STATUS', message: '503 from api' },
          endedAt: '2024-05-01T10:05:00.000Z',
        });
        expect(await store.getRun('r1')).toStrictEqual(
          makeRun('r1', {
            status: 'failed',
            error: { code: 'HTTP_STATUS', message: '503 from api' },
            endedAt: '2024-05-01T10:05:00.000Z',
          }),
        );
      });

      it('leaves output unchanged when absent and stores an explicit null', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 1), { output: { total: 3 } });
        await store.append('r1', makeEvents(2, 2), { status: 'completed' });
        expect((await store.getRun('r1'))?.output).toEqual({ total: 3 });
        await store.append('r1', makeEvents(3, 3), { output: undefined });
        expect((await store.getRun('r1'))?.output).toEqual({ total: 3 });
        await store.append('r1', makeEvents(4, 4), { output: null });
        expect(await store.getRun('r1')).toHaveProperty('output', null);
      });

      it('accepts an update with no events', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', [], { status: 'cancelled' });
        expect((await store.getRun('r1'))?.status).toBe('cancelled');
        await store.append('r1', makeEvents(1, 1));
        expect(await store.events('r1')).toHaveLength(1);
      });
    });

    describe('listRuns', () => {
      async function seed(store: FullRunStore): Promise<void> {
        await store.createRun(makeRun('b', { startedAt: '2024-05-02T00:00:00.000Z' }), workflow);
        await store.createRun(makeRun('a', { startedAt: '2024-05-02T00:00:00.000Z', status: 'completed' }), workflow);
        await store.createRun(makeRun('c', { startedAt: '2024-05-03T00:00:00.000Z', workflowId: 'billing' }), workflow);
        await store.createRun(
          makeRun('d', { startedAt: '2024-05-01T00:00:00.000Z', parentRun: 'c', status: 'waiting' }),
          workflow,
        );
        await store.createRun(
          makeRun('e', { startedAt: '2024-04-30T00:00:00.000Z', parentRun: 'c', workflowId: 'billing' }),
          workflow,
        );
      }
      const ids = (runs: { id: string }[]) => runs.map((r) => r.id);

      it('orders by startedAt descending, then id', async () => {
        const store = await open();
        await seed(store);
        expect(ids(await store.listRuns())).toEqual(['c', 'a', 'b', 'd', 'e']);
        expect((await store.listRuns())[0]).toStrictEqual(
          makeRun('c', { startedAt: '2024-05-03T00:00:00.000Z', workflowId: 'billing' }),
        );
      });

      it('filters by status, workflow and parent, alone and together', async () => {
        const store = await open();
        await seed(store);
        expect(ids(await store.listRuns({ status: 'running' }))).toEqual(['c', 'b', 'e']);
        expect(ids(await store.listRuns({ workflowId: 'billing' }))).toEqual(['c', 'e']);
        expect(ids(await store.listRuns({ parentRun: 'c' }))).toEqual(['d', 'e']);
        expect(ids(await store.listRuns({ parentRun: 'c', workflowId: 'billing' }))).toEqual(['e']);
        expect(ids(await store.listRuns({ status: 'running', workflowId: 'orders' }))).toEqual(['b']);
        expect(await store.listRuns({ status: 'cancelled' })).toEqual([]);
      });

      it('sees status changes made by append', async () => {
        const store = await open();
        await seed(store);
        await store.append('b', [], { status: 'completed' });
        expect(ids(await store.listRuns({ status: 'completed' }))).toEqual(['a', 'b']);
      });

      it('orders oldest first, or by duration (a run still going measured to the store clock), ties newest first', async () => {
        const store = await open();
        const run = (id: string, startedAt: string, endedAt?: string) =>
          makeRun(id, { startedAt, ...(endedAt === undefined ? {} : { endedAt, status: 'completed' }) });
        time.now = Date.parse('2024-05-01T10:00:30.000Z');
        await store.createRun(run('quick', '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.250Z'), workflow);
        await store.createRun(run('slow', '2024-05-01T09:00:00.000Z', '2024-05-01T09:00:20.000Z'), workflow);
        await store.createRun(run('same', '2024-05-01T09:30:00.000Z', '2024-05-01T09:30:20.000Z'), workflow);
        // Still going: 30 s so far.
        await store.createRun(run('live', '2024-05-01T10:00:00.000Z'), workflow);
        expect(ids(await store.listRuns({ order: 'oldest' }))).toEqual(['slow', 'same', 'live', 'quick']);
        expect(ids(await store.listRuns({ order: 'longest' }))).toEqual(['live', 'same', 'slow', 'quick']);
        expect(ids(await store.listRuns({ order: 'shortest', limit: 3 }))).toEqual(['quick', 'same', 'slow']);
        expect(ids(await store.listRuns({ order: 'newest' }))).toEqual(ids(await store.listRuns()));
        expect(ids(await store.listRuns({ order: 'longest', status: 'completed', limit: 1 }))).toEqual(['same']);
      });

      it('applies limit after filtering and ordering', async () => {
        const store = await open();
        await seed(store);
        expect(ids(await store.listRuns({ limit: 2 }))).toEqual(['c', 'a']);
        expect(ids(await store.listRuns({ status: 'running', limit: 1 }))).toEqual(['c']);
        expect(await store.listRuns({ limit: 0 })).toEqual([]);
        expect((await rejected(store.listRuns({ limit: -1 }))).code).toBe('BAD_USAGE');
        expect((await rejected(store.listRuns({ limit: 1.5 }))).code).toBe('BAD_USAGE');
      });
    });

    describe('checkpoints', () => {
      it('returns the latest checkpoint at or before seq, and upserts', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 8));
        await store.putCheckpoint('r1', 2, { at: 2 });
        await store.putCheckpoint('r1', 5, { at: 5 });
        expect(await store.getCheckpoint('r1', 1)).toBeUndefined();
        expect(await store.getCheckpoint('r1', 2)).toEqual({ seq: 2, state: { at: 2 } });
        expect(await store.getCheckpoint('r1', 4)).toEqual({ seq: 2, state: { at: 2 } });
        expect(await store.getCheckpoint('r1', 100)).toEqual({ seq: 5, state: { at: 5 } });
        await store.putCheckpoint('r1', 5, { at: 'five' });
        expect(await store.getCheckpoint('r1', 5)).toEqual({ seq: 5, state: { at: 'five' } });
        expect(await store.getCheckpoint('other', 5)).toBeUndefined();
      });

      it('refuses a checkpoint for an unknown run', async () => {
        const store = await open();
        expect((await rejected(store.putCheckpoint('ghost', 1, {}))).code).toBe('RUN_NOT_FOUND');
      });
    });

    describe('importRun', () => {
      it('stores an imported run with its whole history; later events continue it', async () => {
        const store = await open();
        await store.importRun(makeRun('imp', { status: 'completed' }), workflow, makeEvents(1, 4));
        expect(await store.getRun('imp')).toStrictEqual(makeRun('imp', { status: 'completed', imported: true }));
        expect(await store.events('imp')).toStrictEqual(makeEvents(1, 4));
        expect(await store.getWorkflow('imp')).toStrictEqual(workflow);
        expect((await rejected(store.append('imp', makeEvents(4, 4)))).message).toContain('expected seq 5, got 4');
        await store.append('imp', makeEvents(5, 5));
        expect(await store.events('imp')).toHaveLength(5);
      });

      it('refuses an existing id with CONFLICT', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 1));
        expect((await rejected(store.importRun(makeRun('r1'), workflow, makeEvents(1, 3)))).code).toBe('CONFLICT');
        expect(await store.events('r1')).toHaveLength(1);
        expect(await store.getRun('r1')).not.toHaveProperty('imported');
      });

      it('refuses a history with a gap and creates nothing', async () => {
        const store = await open();
        const err = await rejected(store.importRun(makeRun('imp'), workflow, [makeEvent(1), makeEvent(3)]));
        expect(err.message).toBe('history of run "imp" would have a gap: expected seq 2, got 3');
        expect(await store.getRun('imp')).toBeUndefined();
        expect(await store.getWorkflow('imp')).toBeUndefined();
      });
    });

    describe('deleteRun', () => {
      it('removes the run with its workflow, events and checkpoints', async () => {
        const store = await open();
        await store.createRun(makeRun('r1'), workflow);
        await store.createRun(makeRun('r2'), workflow);
        await store.append('r1', makeEvents(1, 3));
        await store.putCheckpoint('r1', 2, {});
        await store.deleteRun('r1');
        expect(await store.getRun('r1')).toBeUndefined();
        expect(await store.getWorkflow('r1')).toBeUndefined();
        expect(await store.events('r1')).toEqual([]);
        expect(await store.getCheckpoint('r1', 3)).toBeUndefined();
        expect(ids(await store.listRuns())).toEqual(['r2']);
        await store.createRun(makeRun('r1'), workflow);
        await store.append('r1', makeEvents(1, 1));
        expect(await store.events('r1')).toHaveLength(1);
      });

      it('refuses an unknown run with RUN_NOT_FOUND', async () => {
        expect((await rejected((await open()).deleteRun('ghost'))).code).toBe('RUN_NOT_FOUND');
      });
      const ids = (runs: { id: string }[]) => runs.map((r) => r.id);
    });

    describeLeaseContract(open, time);
    describeTriggerContract(open);
  });
}
