import { createActor, createMachine } from 'xstate';
import type { HistoryEvent } from '#shared';
import { rawRow } from './bench-host.js';
import { postgresStore, sqliteStore, storeBenchmark, type StoreSession } from './bench-stores.js';
import { fmt, interleave, type BenchOutcome, pairStats } from './benchmark.js';
import { nowUs, round, spreadPct } from './stats.js';
import { chainWorkflow } from './workflows.js';

const NODES = 10;
const GOAL = 2;

/** A cyclic machine of `size` states: every NEXT moves one state on. */
export function ringMachine(size: number) {
  const states: Record<string, { on: { NEXT: string } }> = {};
  for (let i = 0; i < size; i++) states[`s${i}`] = { on: { NEXT: `s${(i + 1) % size}` } };
  return createMachine({ id: 'ring', initial: 's0', states });
}

/**
 * B1: a 10-node transform chain run start to finish on the real engine, per history event,
 * against the same number of XState events each followed by one append (its own transaction) of
 * the same row, both on one kind of store: SQLite (B1) or PostgreSQL (B1-PG).
 */
async function measureStepOverhead({ id, store, host, raw, config }: StoreSession): Promise<BenchOutcome> {
  const runsPerSample = config.quick ? 20 : 200;
  const workflow = chainWorkflow(NODES);
  const machine = ringMachine(NODES);
  // One recorded run gives the baseline its rows: same types, nodes and data.
  const first = await host.engine.start(workflow, { n: 1 });
  if (first.status !== 'completed') throw new Error(`${id} workflow ended ${first.status}`);
  const template: HistoryEvent[] = await host.store.events(first.runId);
  let rawRun = 0;

  const project = async (): Promise<number> => {
    let events = 0;
    const t0 = nowUs();
    for (let i = 0; i < runsPerSample; i++) {
      const outcome = await host.engine.start(workflow, { n: i });
      events += (await host.store.lastSeq(outcome.runId)) ?? 0;
    }
    return (nowUs() - t0) / events;
  };
  const baseline = async (): Promise<number> => {
    const t0 = nowUs();
    for (let i = 0; i < runsPerSample; i++) {
      const runId = `raw${++rawRun}`;
      const actor = createActor(machine).start();
      for (const event of template) {
        actor.send({ type: 'NEXT' });
        await raw.insert(rawRow(runId, event));
      }
      actor.stop();
    }
    return (nowUs() - t0) / (runsPerSample * template.length);
  };

  config.progress(`${id}: warm-up`);
  await interleave(config.quick ? 1 : 2, project, baseline);
  config.progress(`${id}: ${config.reps} pair(s) of ${runsPerSample} runs (${template.length} events each)`);
  const pairs = await interleave(config.reps, project, baseline);
  const { ratios, ratio, project: projectUs, baseline: baselineUs } = pairStats(pairs);
  return {
    json: {
      ratio: round(ratio),
      goal: GOAL,
      met: ratio <= GOAL,
      median_us: round(projectUs),
      baseline_us: round(baselineUs),
      unit: 'µs per history event',
      store: store.label,
      events_per_run: template.length,
      runs_per_sample: runsPerSample,
      pair_ratios: ratios.map(round),
      spread_pct: round(spreadPct(ratios)),
    },
    rows: [
      {
        benchmark: `${id} step overhead (${NODES}-node chain${store.suffix === '' ? '' : `, ${store.label}`})`,
        project: fmt(projectUs, 'µs/event'),
        baseline: fmt(baselineUs, 'µs/event'),
        value: `${round(ratio)}× (±${Math.round(spreadPct(ratios))}%)`,
        goal: `≤ ${GOAL}×`,
        met: ratio <= GOAL,
      },
    ],
  };
}

export const b1StepOverhead = storeBenchmark('B1', 'engine step overhead', sqliteStore, measureStepOverhead);
export const b1Postgres = storeBenchmark('B1', 'engine step overhead', postgresStore, measureStepOverhead);
