import { afterEach, describe, expect, it } from 'vitest';
import { createHost, openHost, parseStoreUrl, type Host } from '#backend';
import { ScheduleRunner, SimulatedClock } from '#engine';
import { usePostgres } from '../../src/storage/postgres-cluster.test-support.js';
import { flow, makeWorkspace } from '../cli/cli-harness.js';
import type { Workflow } from '#shared';

const workflow = {
  ...flow('nightly', {
    nodes: [
      { id: 'start', kind: 'start' },
      { id: 'done', kind: 'end', config: { output: 'input' } },
    ],
    edges: [{ from: 'start', to: 'done' }],
  }),
  triggers: [{ id: 'every15', kind: 'schedule', cron: '*/15 * * * *', timezone: 'Europe/Berlin', overlap: 'allow' }],
} as Workflow;

const quiet = { log: () => undefined };
const hosts: Host[] = [];
const ws = makeWorkspace('switchyard-once-');

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** A scheduler per host, as in separate serve/worker processes, all at the simulated time of `clock`. */
function scheduler(host: Host, clock: SimulatedClock): ScheduleRunner {
  const runner = new ScheduleRunner({
    store: host.store,
    clock,
    logger: quiet,
    start: (wf, trigger, input) => host.engine.start(wf, input, { trigger, detach: true }),
  });
  runner.activate([workflow]);
  return runner;
}

async function race(open: () => Promise<Host>): Promise<void> {
  const clock = new SimulatedClock({ start: '2026-03-29T00:00:00.000Z' });
  const a = await open();
  const b = await open();
  hosts.push(a, b);
  const runners = [scheduler(a, clock), scheduler(b, clock), scheduler(a, clock)];
  for (let i = 0; i < 8; i++) {
    await Promise.all(runners.map((runner) => runner.tick()));
    clock.advance(15 * 60_000);
  }
  // A restarted process (a fresh host on the same store) finds every fire taken.
  const restarted = await open();
  hosts.push(restarted);
  clock.advance(-15 * 60_000);
  await scheduler(restarted, clock).tick();
  const fires = (await a.store.listRuns({ trigger: 'every15' })).map((run) => run.trigger?.fireTime).sort();
  expect(fires).toEqual(
    Array.from({ length: 8 }, (_, i) =>
      new Date(Date.parse('2026-03-29T00:00:00.000Z') + i * 15 * 60_000).toISOString(),
    ),
  );
}

describe('one run per fire time, with schedulers racing on one store', () => {
  it('two hosts on one SQLite file', async () => {
    const path = `${ws.dir}/race.db`;
    await race(async () => createHost({ dbPath: path, logger: quiet }));
  });

  const postgres = usePostgres();
  it.skipIf(!postgres.available)('two hosts on one PostgreSQL store', async () => {
    const url = await postgres.freshStoreUrl();
    await race(() => openHost({ location: parseStoreUrl(url), logger: quiet }));
  });
});
