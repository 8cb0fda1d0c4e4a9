import { afterEach, describe, expect, it } from 'vitest';
import { Workflow } from '#shared';
import type { FullRunStore } from './full-run-store.js';
import { makeEvent, makeEvents, makeRun, thrown, workflow } from './run-store.fixtures.js';

type Closable = FullRunStore & { close?(): void };

/** The behaviour every RunStore of this layer must share; run once per implementation. */
export function describeRunStoreContract(name: string, makeStore: () => Closable): void {
  describe(`${name} (RunStore contract)`, () => {
    const opened: Closable[] = [];
    const open = (): Closable => {
      const store = makeStore();
      opened.push(store);
      return store;
    };
    afterEach(() => {
      for (const store of opened.splice(0)) store.close?.();
    });

    it('fixture workflow is a valid document', () => {
      expect(Workflow.parse(workflow)).toEqual(workflow);
    });

    describe('createRun / getRun / getWorkflow', () => {
      it('stores the run and its workflow, with optional fields absent', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        const run = store.getRun('r1');
        expect(run).toStrictEqual(makeRun('r1'));
        for (const key of ['output', 'error', 'parentRun', 'forkSeq', 'parentNode', 'endedAt', 'imported']) {
          expect(run).not.toHaveProperty(key);
        }
        expect(store.getWorkflow('r1')).toStrictEqual(workflow);
      });

      it('round-trips every optional field', () => {
        const store = open();
        const run = makeRun('r2', {
          status: 'failed',
          output: [1, { x: null }],
          error: { code: 'TASK_FAILED', message: 'boom' },
          parentRun: 'r1',
          forkSeq: 7,
          parentNode: 'each',
          endedAt: '2024-05-01T11:00:00.000Z',
        });
        store.createRun(run, workflow);
        expect(store.getRun('r2')).toStrictEqual(run);
      });

      it('returns undefined / [] for an unknown run', () => {
        const store = open();
        expect(store.getRun('nope')).toBeUndefined();
        expect(store.getWorkflow('nope')).toBeUndefined();
        expect(store.events('nope')).toEqual([]);
      });

      it('refuses a duplicate id with CONFLICT and keeps the first run', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        const err = thrown(() =>
          store.createRun(makeRun('r1', { status: 'completed', workflowId: 'other' }), workflow),
        );
        expect(err.code).toBe('CONFLICT');
        expect(err.message).toBe('run "r1" already exists');
        expect(store.getRun('r1')).toStrictEqual(makeRun('r1'));
      });

      it('refuses values that are not JSON and stores nothing', () => {
        const store = open();
        const err = thrown(() => store.createRun(makeRun('big', { input: { n: 10n } }), workflow));
        expect(err.code).toBe('STORE_FAILED');
        expect(err.message).toContain('the input of run "big"');
        expect(store.getRun('big')).toBeUndefined();
      });

      it('keeps its own copy of what it is given', () => {
        const store = open();
        const run = makeRun('r1');
        const events = makeEvents(1, 1);
        store.createRun(run, workflow);
        store.append('r1', events);
        (run.input as { orderId: number }).orderId = 0;
        (events[0]!.data as { output: number }).output = 0;
        expect(store.getRun('r1')?.input).toEqual({ orderId: 42, tags: ['a', 'b'] });
        expect(store.events('r1')[0]?.data).toEqual({ output: 1 });
      });
    });

    describe('append / events', () => {
      it('reads back what was appended, in seq order, node and data absent when not given', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        const first = [makeEvent(1, 'run.started', { data: { input: { orderId: 42 } } }), makeEvent(2, 'run.resumed')];
        store.append('r1', first);
        store.append('r1', makeEvents(3, 6));
        const events = store.events('r1');
        expect(events).toStrictEqual([...first, ...makeEvents(3, 6)]);
        expect(events[1]).not.toHaveProperty('node');
        expect(events[1]).not.toHaveProperty('data');
      });

      it('reads inclusive seq ranges', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 10));
        const seqs = (from?: number, to?: number) => store.events('r1', from, to).map((e) => e.seq);
        expect(seqs(3, 5)).toEqual([3, 4, 5]);
        expect(seqs(8)).toEqual([8, 9, 10]);
        expect(seqs(undefined, 2)).toEqual([1, 2]);
        expect(seqs(0, 1)).toEqual([1]);
        expect(seqs(5, 5)).toEqual([5]);
        expect(seqs(6, 5)).toEqual([]);
        expect(seqs(11, 20)).toEqual([]);
        expect(seqs(9, 1000)).toEqual([9, 10]);
      });

      it('keeps histories of different runs apart', () => {
        const store = open();
        store.createRun(makeRun('a'), workflow);
        store.createRun(makeRun('b'), workflow);
        store.append('a', makeEvents(1, 3));
        store.append('b', makeEvents(1, 1));
        expect(store.events('a')).toHaveLength(3);
        expect(store.events('b')).toStrictEqual(makeEvents(1, 1));
      });

      it('refuses a first event that is not seq 1', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        const err = thrown(() => store.append('r1', makeEvents(2, 3)));
        expect(err.code).toBe('STORE_FAILED');
        expect(err.message).toBe('history of run "r1" would have a gap: expected seq 1, got 2');
      });

      it('refuses a batch with a hole and writes nothing of it, not even the update', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 2));
        const batch = [makeEvent(3), makeEvent(4), makeEvent(6)];
        const err = thrown(() => store.append('r1', batch, { status: 'completed', output: 'x' }));
        expect(err.message).toBe('history of run "r1" would have a gap: expected seq 5, got 6');
        expect(store.events('r1').map((e) => e.seq)).toEqual([1, 2]);
        expect(store.getRun('r1')).toStrictEqual(makeRun('r1'));
        store.append('r1', makeEvents(3, 3));
        expect(store.events('r1')).toHaveLength(3);
      });

      it('refuses an event already in the history', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 2));
        expect(thrown(() => store.append('r1', makeEvents(2, 3))).message).toContain('expected seq 3, got 2');
        expect(store.events('r1')).toStrictEqual(makeEvents(1, 2));
      });

      it('refuses an unknown run with RUN_NOT_FOUND', () => {
        const store = open();
        const err = thrown(() => store.append('ghost', makeEvents(1, 1)));
        expect(err.code).toBe('RUN_NOT_FOUND');
        expect(err.message).toContain('run "ghost" does not exist');
      });
    });

    describe('run updates', () => {
      it('applies status, output, error and endedAt with the events', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 1), { status: 'waiting' });
        expect(store.getRun('r1')?.status).toBe('waiting');
        store.append('r1', [makeEvent(2, 'run.failed')], {
          status: 'failed',
          error: { code: 'HTTP_STATUS', message: '503 from api' },
          endedAt: '2024-05-01T10:05:00.000Z',
        });
        expect(store.getRun('r1')).toStrictEqual(
          makeRun('r1', {
            status: 'failed',
            error: { code: 'HTTP_STATUS', message: '503 from api' },
            endedAt: '2024-05-01T10:05:00.000Z',
          }),
        );
      });

      it('leaves output unchanged when absent and stores an explicit null', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 1), { output: { total: 3 } });
        store.append('r1', makeEvents(2, 2), { status: 'completed' });
        expect(store.getRun('r1')?.output).toEqual({ total: 3 });
        store.append('r1', makeEvents(3, 3), { output: undefined });
        expect(store.getRun('r1')?.output).toEqual({ total: 3 });
        store.append('r1', makeEvents(4, 4), { output: null });
        expect(store.getRun('r1')).toHaveProperty('output', null);
      });

      it('accepts an update with no events', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', [], { status: 'cancelled' });
        expect(store.getRun('r1')?.status).toBe('cancelled');
        store.append('r1', makeEvents(1, 1));
        expect(store.events('r1')).toHaveLength(1);
      });
    });

    describe('listRuns', () => {
      function seed(store: FullRunStore): void {
        store.createRun(makeRun('b', { startedAt: '2024-05-02T00:00:00.000Z' }), workflow);
        store.createRun(makeRun('a', { startedAt: '2024-05-02T00:00:00.000Z', status: 'completed' }), workflow);
        store.createRun(makeRun('c', { startedAt: '2024-05-03T00:00:00.000Z', workflowId: 'billing' }), workflow);
        store.createRun(
          makeRun('d', { startedAt: '2024-05-01T00:00:00.000Z', parentRun: 'c', status: 'waiting' }),
          workflow,
        );
        store.createRun(
          makeRun('e', { startedAt: '2024-04-30T00:00:00.000Z', parentRun: 'c', workflowId: 'billing' }),
          workflow,
        );
      }
      const ids = (runs: { id: string }[]) => runs.map((r) => r.id);

      it('orders by startedAt descending, then id', () => {
        const store = open();
        seed(store);
        expect(ids(store.listRuns())).toEqual(['c', 'a', 'b', 'd', 'e']);
        expect(store.listRuns()[0]).toStrictEqual(
          makeRun('c', { startedAt: '2024-05-03T00:00:00.000Z', workflowId: 'billing' }),
        );
      });

      it('filters by status, workflow and parent, alone and together', () => {
        const store = open();
        seed(store);
        expect(ids(store.listRuns({ status: 'running' }))).toEqual(['c', 'b', 'e']);
        expect(ids(store.listRuns({ workflowId: 'billing' }))).toEqual(['c', 'e']);
        expect(ids(store.listRuns({ parentRun: 'c' }))).toEqual(['d', 'e']);
        expect(ids(store.listRuns({ parentRun: 'c', workflowId: 'billing' }))).toEqual(['e']);
        expect(ids(store.listRuns({ status: 'running', workflowId: 'orders' }))).toEqual(['b']);
        expect(store.listRuns({ status: 'cancelled' })).toEqual([]);
      });

      it('sees status changes made by append', () => {
        const store = open();
        seed(store);
        store.append('b', [], { status: 'completed' });
        expect(ids(store.listRuns({ status: 'completed' }))).toEqual(['a', 'b']);
      });

      it('applies limit after filtering and ordering', () => {
        const store = open();
        seed(store);
        expect(ids(store.listRuns({ limit: 2 }))).toEqual(['c', 'a']);
        expect(ids(store.listRuns({ status: 'running', limit: 1 }))).toEqual(['c']);
        expect(store.listRuns({ limit: 0 })).toEqual([]);
        expect(thrown(() => store.listRuns({ limit: -1 })).code).toBe('BAD_USAGE');
        expect(thrown(() => store.listRuns({ limit: 1.5 })).code).toBe('BAD_USAGE');
      });
    });

    describe('checkpoints', () => {
      it('returns the latest checkpoint at or before seq, and upserts', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 8));
        store.putCheckpoint('r1', 2, { at: 2 });
        store.putCheckpoint('r1', 5, { at: 5 });
        expect(store.getCheckpoint('r1', 1)).toBeUndefined();
        expect(store.getCheckpoint('r1', 2)).toEqual({ seq: 2, state: { at: 2 } });
        expect(store.getCheckpoint('r1', 4)).toEqual({ seq: 2, state: { at: 2 } });
        expect(store.getCheckpoint('r1', 100)).toEqual({ seq: 5, state: { at: 5 } });
        store.putCheckpoint('r1', 5, { at: 'five' });
        expect(store.getCheckpoint('r1', 5)).toEqual({ seq: 5, state: { at: 'five' } });
        expect(store.getCheckpoint('other', 5)).toBeUndefined();
      });

      it('refuses a checkpoint for an unknown run', () => {
        const store = open();
        expect(thrown(() => store.putCheckpoint('ghost', 1, {})).code).toBe('RUN_NOT_FOUND');
      });
    });

    describe('importRun', () => {
      it('stores an imported run with its whole history; later events continue it', () => {
        const store = open();
        store.importRun(makeRun('imp', { status: 'completed' }), workflow, makeEvents(1, 4));
        expect(store.getRun('imp')).toStrictEqual(makeRun('imp', { status: 'completed', imported: true }));
        expect(store.events('imp')).toStrictEqual(makeEvents(1, 4));
        expect(store.getWorkflow('imp')).toStrictEqual(workflow);
        expect(thrown(() => store.append('imp', makeEvents(4, 4))).message).toContain('expected seq 5, got 4');
        store.append('imp', makeEvents(5, 5));
        expect(store.events('imp')).toHaveLength(5);
      });

      it('refuses an existing id with CONFLICT', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 1));
        expect(thrown(() => store.importRun(makeRun('r1'), workflow, makeEvents(1, 3))).code).toBe('CONFLICT');
        expect(store.events('r1')).toHaveLength(1);
        expect(store.getRun('r1')).not.toHaveProperty('imported');
      });

      it('refuses a history with a gap and creates nothing', () => {
        const store = open();
        const err = thrown(() => store.importRun(makeRun('imp'), workflow, [makeEvent(1), makeEvent(3)]));
        expect(err.message).toBe('history of run "imp" would have a gap: expected seq 2, got 3');
        expect(store.getRun('imp')).toBeUndefined();
        expect(store.getWorkflow('imp')).toBeUndefined();
      });
    });

    describe('deleteRun', () => {
      it('removes the run with its workflow, events and checkpoints', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.createRun(makeRun('r2'), workflow);
        store.append('r1', makeEvents(1, 3));
        store.putCheckpoint('r1', 2, {});
        store.deleteRun('r1');
        expect(store.getRun('r1')).toBeUndefined();
        expect(store.getWorkflow('r1')).toBeUndefined();
        expect(store.events('r1')).toEqual([]);
        expect(store.getCheckpoint('r1', 3)).toBeUndefined();
        expect(ids(store.listRuns())).toEqual(['r2']);
        store.createRun(makeRun('r1'), workflow);
        store.append('r1', makeEvents(1, 1));
        expect(store.events('r1')).toHaveLength(1);
      });

      it('refuses an unknown run with RUN_NOT_FOUND', () => {
        expect(thrown(() => open().deleteRun('ghost')).code).toBe('RUN_NOT_FOUND');
      });
      const ids = (runs: { id: string }[]) => runs.map((r) => r.id);
    });

    describe('transaction', () => {
      it('commits everything done inside it and returns its value', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        const result = store.transaction(() => {
          for (let seq = 1; seq <= 50; seq++) store.append('r1', [makeEvent(seq)]);
          store.createRun(makeRun('r2'), workflow);
          return 'done';
        });
        expect(result).toBe('done');
        expect(store.events('r1')).toHaveLength(50);
        expect(store.getRun('r2')).toBeDefined();
      });

      it('rolls back everything when the function throws', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        expect(() =>
          store.transaction(() => {
            store.append('r1', makeEvents(1, 2), { status: 'completed' });
            store.createRun(makeRun('r2'), workflow);
            throw new Error('stop');
          }),
        ).toThrow('stop');
        expect(store.events('r1')).toEqual([]);
        expect(store.getRun('r1')?.status).toBe('running');
        expect(store.getRun('r2')).toBeUndefined();
        store.append('r1', makeEvents(1, 1));
      });

      it('lets nested calls join the outer one; a caught inner failure undoes only the inner part', () => {
        const store = open();
        store.createRun(makeRun('r1'), workflow);
        store.transaction(() => {
          store.append('r1', makeEvents(1, 1));
          expect(() =>
            store.transaction(() => {
              store.append('r1', makeEvents(2, 2));
              store.append('r1', makeEvents(9, 9));
            }),
          ).toThrow('would have a gap');
          store.transaction(() => store.append('r1', makeEvents(2, 3)));
        });
        expect(store.events('r1').map((e) => e.seq)).toEqual([1, 2, 3]);
      });
    });
  });
}
