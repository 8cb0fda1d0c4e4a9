import { describe, expect, it } from 'vitest';
import type { ScheduleTrigger, Workflow } from '#shared';
import { edges, flow, testEngine, type TestEngine } from '../testing/engine.test-support.js';
import { ScheduleRunner } from './schedule-runner.js';

const MINUTE = 60_000;

function scheduled(trigger: Partial<ScheduleTrigger>, waits = false): Workflow {
  const schedule: ScheduleTrigger = { id: 'tick', kind: 'schedule', cron: '*/15 * * * *', timezone: 'UTC', ...trigger };
  const nodes = waits
    ? [
        { id: 'start', kind: 'start' },
        { id: 'ask', kind: 'approval', config: { title: 'ok?' } },
        { id: 'done', kind: 'end' },
      ]
    : [
        { id: 'start', kind: 'start' },
        { id: 'done', kind: 'end', config: { output: 'input' } },
      ];
  const links = waits ? edges('start>ask', 'ask:approved>done', 'ask:rejected>done') : edges('start>done');
  return flow(nodes, links, { triggers: [schedule] });
}

interface Setup extends TestEngine {
  runner: ScheduleRunner;
  /** Moves the clock to `iso` (forward only). */
  at(iso: string): void;
  /** Ticks once a minute from now until `iso`. */
  tickUntil(iso: string): Promise<void>;
  fireTimes(): Promise<string[]>;
}

function setup(workflow: Workflow, startAt = '2026-01-01T00:00:00.000Z'): Setup {
  const test = testEngine({ autoAdvance: false });
  const runner = new ScheduleRunner({
    store: test.store,
    clock: test.clock,
    logger: test.ports.logger,
    start: (wf, trigger, input) => test.engine.start(wf, input, { trigger }),
  });
  runner.activate([workflow]);
  const at = (iso: string): void => test.clock.advance(Date.parse(iso) - test.clock.now());
  at(startAt);
  return {
    ...test,
    runner,
    at,
    async tickUntil(iso) {
      for (let t = test.clock.now(); t <= Date.parse(iso); t += MINUTE) {
        at(new Date(t).toISOString());
        await runner.tick();
      }
    },
    async fireTimes() {
      const runs = await test.store.listRuns({ trigger: 'tick' });
      return runs.map((run) => run.trigger?.fireTime ?? '?').sort();
    },
  };
}

describe('ScheduleRunner', () => {
  it('starts one run per fire time however often it looks, recording the trigger and the input at fire time', async () => {
    const s = setup(scheduled({ input: "{ 'at': $now() }" }));
    await s.tickUntil('2026-01-01T00:45:00.000Z');
    await s.runner.tick();
    expect(await s.fireTimes()).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:45:00.000Z',
    ]);
    const [run] = await s.store.listRuns({ trigger: 'tick', limit: 1 });
    expect(run).toMatchObject({ status: 'completed', output: { at: '2026-01-01T00:45:00.000Z' } });
    const [started] = await s.store.events(run?.id ?? '', 1, 1);
    expect(started?.data?.['trigger']).toEqual({ id: 'tick', kind: 'schedule', fireTime: '2026-01-01T00:45:00.000Z' });
    expect(await s.store.scheduleState('test-flow', 'tick')).toMatchObject({ nextFireAt: '2026-01-01T01:00:00.000Z' });
  });

  it('reads six fields as seconds first', async () => {
    const s = setup(scheduled({ cron: '*/20 * * * * *' }));
    await s.runner.tick();
    for (let i = 0; i < 6; i++) {
      s.clock.advance(10_000);
      await s.runner.tick();
    }
    expect(await s.fireTimes()).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:01:00.000Z',
    ]);
  });

  describe('daylight saving time: every wall-clock fire exactly once', () => {
    it('Europe/Berlin spring forward: 02:30 does not exist on 29 March, it fires once at 03:00 CEST', async () => {
      const s = setup(scheduled({ cron: '30 2 * * *', timezone: 'Europe/Berlin' }), '2026-03-28T00:00:00.000Z');
      await s.tickUntil('2026-03-31T00:00:00.000Z');
      expect(await s.fireTimes()).toEqual([
        '2026-03-28T01:30:00.000Z', // 02:30 CET
        '2026-03-29T01:00:00.000Z', // 03:00 CEST, the first time after the gap
        '2026-03-30T00:30:00.000Z', // 02:30 CEST
      ]);
    });

    it('Europe/Berlin fall back: 02:30 happens twice on 25 October, it fires once', async () => {
      const s = setup(scheduled({ cron: '30 2 * * *', timezone: 'Europe/Berlin' }), '2026-10-24T00:00:00.000Z');
      await s.tickUntil('2026-10-27T00:00:00.000Z');
      expect(await s.fireTimes()).toEqual([
        '2026-10-24T00:30:00.000Z',
        '2026-10-25T00:30:00.000Z', // 02:30 CEST; not again at 02:30 CET (01:30Z)
        '2026-10-26T01:30:00.000Z',
      ]);
    });

    it('America/New_York spring forward and fall back', async () => {
      const spring = setup(scheduled({ cron: '30 2 * * *', timezone: 'America/New_York' }), '2026-03-07T00:00:00.000Z');
      await spring.tickUntil('2026-03-10T00:00:00.000Z');
      expect(await spring.fireTimes()).toEqual([
        '2026-03-07T07:30:00.000Z', // 02:30 EST
        '2026-03-08T07:00:00.000Z', // 03:00 EDT: 02:30 was skipped
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
      ]);
      const fall = setup(scheduled({ cron: '30 1 * * *', timezone: 'America/New_York' }), '2026-10-31T00:00:00.000Z');
      await fall.tickUntil('2026-11-03T00:00:00.000Z');
      expect(await fall.fireTimes()).toEqual([
        '2026-10-31T05:30:00.000Z',
        '2026-11-01T05:30:00.000Z', // 01:30 EDT; not again at 01:30 EST (06:30Z)
        '2026-11-02T06:30:00.000Z',
      ]);
    });
  });

  describe('catch-up after a 3-hour stop', () => {
    async function afterStop(trigger: Partial<ScheduleTrigger>): Promise<string[]> {
      const s = setup(scheduled(trigger));
      await s.runner.tick(); // 00:00 fires
      s.at('2026-01-01T03:05:00.000Z'); // nothing looked at 00:15 … 03:00
      await s.runner.tick();
      return s.fireTimes();
    }

    it('none: the missed fires are dropped, the schedule goes on', async () => {
      expect(await afterStop({ catchUp: 'none' })).toEqual(['2026-01-01T00:00:00.000Z']);
    });

    it('last: only the latest missed fire starts', async () => {
      expect(await afterStop({ catchUp: 'last' })).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T03:00:00.000Z']);
    });

    it('all: every missed fire starts, at most maxCatchUp (the latest ones)', async () => {
      expect(await afterStop({ catchUp: 'all', maxCatchUp: 3 })).toEqual([
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T02:30:00.000Z',
        '2026-01-01T02:45:00.000Z',
        '2026-01-01T03:00:00.000Z',
      ]);
      // The default cap is 10 of the 12 missed.
      expect((await afterStop({ catchUp: 'all' })).length).toBe(11);
    });

    it('a fire within a minute of its time is on time, whatever the policy', async () => {
      const s = setup(scheduled({ catchUp: 'none' }));
      await s.runner.tick();
      s.at('2026-01-01T00:15:40.000Z');
      await s.runner.tick();
      expect(await s.fireTimes()).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:15:00.000Z']);
    });
  });

  describe('overlap, while a run of the trigger still waits', () => {
    async function waitingRun(s: Setup): Promise<string> {
      const [run] = await s.store.listRuns({ trigger: 'tick', status: 'waiting' });
      if (run === undefined) throw new Error('no waiting run');
      return run.id;
    }

    it('skip (default): the fire is dropped', async () => {
      const s = setup(scheduled({}, true));
      await s.tickUntil('2026-01-01T00:15:00.000Z');
      expect(await s.fireTimes()).toEqual(['2026-01-01T00:00:00.000Z']);
      await s.engine.approve(await waitingRun(s), 'ask', { decision: 'approved', by: 'ana' });
      await s.tickUntil('2026-01-01T00:30:00.000Z');
      expect(await s.fireTimes()).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:30:00.000Z']);
      expect(s.logs).toContain(
        'info: schedule tick of test-flow: skipped the fire at 2026-01-01T00:15:00.000Z; run r1 is still active',
      );
    });

    it('queue: the fire waits for the run to end, then starts (later fires meanwhile merge into it)', async () => {
      const s = setup(scheduled({ overlap: 'queue' }, true));
      await s.tickUntil('2026-01-01T00:50:00.000Z');
      expect(await s.fireTimes()).toEqual(['2026-01-01T00:00:00.000Z']);
      expect(await s.store.scheduleState('test-flow', 'tick')).toMatchObject({
        nextFireAt: '2026-01-01T00:15:00.000Z',
        pending: true,
      });
      await s.engine.approve(await waitingRun(s), 'ask', { decision: 'approved', by: 'ana' });
      await s.runner.tick();
      expect(await s.fireTimes()).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:15:00.000Z']);
      expect(await s.store.scheduleState('test-flow', 'tick')).toMatchObject({
        nextFireAt: '2026-01-01T01:00:00.000Z',
        pending: false,
      });
    });

    it('allow: every fire starts', async () => {
      const s = setup(scheduled({ overlap: 'allow' }, true));
      await s.tickUntil('2026-01-01T00:30:00.000Z');
      expect(await s.fireTimes()).toEqual([
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:15:00.000Z',
        '2026-01-01T00:30:00.000Z',
      ]);
    });
  });

  it('two schedulers on one store racing on every fire start one run each', async () => {
    const s = setup(scheduled({}));
    const other = new ScheduleRunner({
      store: s.store,
      clock: s.clock,
      start: (wf, trigger, input) => s.engine.start(wf, input, { trigger }),
    });
    other.activate([scheduled({})]);
    for (let i = 0; i < 4; i++) {
      await Promise.all([s.runner.tick(), other.tick(), s.runner.tick()]);
      s.clock.advance(15 * MINUTE);
    }
    expect(await s.fireTimes()).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:45:00.000Z',
    ]);
  });

  it('a changed cron starts counting afresh from now', async () => {
    const s = setup(scheduled({}));
    await s.tickUntil('2026-01-01T00:20:00.000Z');
    s.runner.activate([scheduled({ cron: '0 * * * *' })]);
    await s.tickUntil('2026-01-01T01:10:00.000Z');
    expect(await s.fireTimes()).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T01:00:00.000Z',
    ]);
  });
});
