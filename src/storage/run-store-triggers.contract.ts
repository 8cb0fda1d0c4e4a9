import { describe, expect, it } from 'vitest';
import type { Closable } from './run-store-leases.contract.js';
import { makeRun, rejected, workflow } from './run-store.fixtures.js';

const FIRE = '2026-03-30T07:00:00.000Z';
const nightly = { id: 'nightly', kind: 'schedule' as const, fireTime: FIRE };

/** Triggered runs (one per workflow, trigger and key), schedule states and deployed workflows. */
export function describeTriggerContract(open: () => Promise<Closable>): void {
  describe('triggers', () => {
    it('records the trigger of a run and lists runs by trigger', async () => {
      const store = await open();
      await store.createRun(makeRun('r1', { trigger: nightly }), workflow);
      await store.createRun(makeRun('r2'), workflow);
      expect((await store.getRun('r1'))?.trigger).toEqual(nightly);
      expect((await store.getRun('r2'))?.trigger).toBeUndefined();
      expect((await store.listRuns({ trigger: 'nightly' })).map((run) => run.id)).toEqual(['r1']);
      expect(await store.listRuns({ trigger: 'other' })).toEqual([]);
      expect((await store.triggeredRun('orders', 'nightly', FIRE))?.id).toBe('r1');
      expect(await store.triggeredRun('orders', 'nightly', '2026-03-31T07:00:00.000Z')).toBeUndefined();
    });

    it('refuses a second run for one fire time or Idempotency-Key with CONFLICT, keeping the first', async () => {
      const store = await open();
      await store.createRun(makeRun('r1', { trigger: nightly }), workflow);
      const again = await rejected(store.createRun(makeRun('r2', { trigger: nightly }), workflow));
      expect(again.code).toBe('CONFLICT');
      expect(again.message).toBe(`trigger nightly of workflow orders already started a run for ${FIRE}`);
      expect(await store.getRun('r2')).toBeUndefined();
      const hook = { id: 'hook', kind: 'webhook' as const, fireTime: FIRE, idempotencyKey: 'k1' };
      await store.createRun(makeRun('h1', { trigger: hook }), workflow);
      expect((await rejected(store.createRun(makeRun('h2', { trigger: hook }), workflow))).code).toBe('CONFLICT');
      // Without a key every delivery is a run of its own.
      const plain = { id: 'hook', kind: 'webhook' as const, fireTime: FIRE };
      await store.createRun(makeRun('h3', { trigger: plain }), workflow);
      await store.createRun(makeRun('h4', { trigger: plain }), workflow);
      expect((await store.listRuns({ trigger: 'hook' })).length).toBe(3);
    });

    it('keeps an imported run out of the way of live fires', async () => {
      const store = await open();
      await store.importRun(makeRun('old', { status: 'completed', trigger: nightly }), workflow, []);
      await store.createRun(makeRun('r1', { trigger: nightly }), workflow);
      expect((await store.triggeredRun('orders', 'nightly', FIRE))?.id).toBe('r1');
    });

    it('moves a schedule state compare-and-set, once per version', async () => {
      const store = await open();
      expect(await store.scheduleState('orders', 'nightly')).toBeUndefined();
      const first = { signature: '0 9 * * *|UTC', nextFireAt: FIRE, pending: false };
      expect(await store.putScheduleState('orders', 'nightly', first, 0)).toBe(true);
      expect(await store.putScheduleState('orders', 'nightly', first, 0)).toBe(false);
      expect(await store.scheduleState('orders', 'nightly')).toEqual({ ...first, version: 1 });
      const second = { ...first, nextFireAt: null, pending: true };
      expect(await store.putScheduleState('orders', 'nightly', second, 1)).toBe(true);
      expect(await store.putScheduleState('orders', 'nightly', first, 1)).toBe(false);
      expect(await store.scheduleState('orders', 'nightly')).toEqual({ ...second, version: 2 });
      expect(await store.scheduleState('orders', 'other')).toBeUndefined();
    });

    it('deploys, replaces and undeploys workflows', async () => {
      const store = await open();
      expect(await store.deployedWorkflows()).toEqual([]);
      await store.deployWorkflow(workflow, '2026-01-01T00:00:00.000Z');
      await store.deployWorkflow({ ...workflow, version: 4 }, '2026-01-02T00:00:00.000Z');
      expect(await store.deployedWorkflows()).toEqual([
        { workflow: { ...workflow, version: 4 }, deployedAt: '2026-01-02T00:00:00.000Z' },
      ]);
      expect(await store.undeployWorkflow('orders')).toBe(true);
      expect(await store.undeployWorkflow('orders')).toBe(false);
      expect(await store.deployedWorkflows()).toEqual([]);
    });
  });
}
