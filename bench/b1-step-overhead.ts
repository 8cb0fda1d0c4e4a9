import { createActor, createMachine } from 'xstate';
import type { HistoryEvent } from '#shared';
import { benchEngine, rawDatabase } from './bench-host.js';
import { fmt, interleave, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';
import { median, nowUs, round, spreadPct } from './stats.js';
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
 * B1: a 10-node transform chain run start to finish on the real engine with a SQLite
 * store, per history event, against the same number of XState events each followed by one
 * SQLite append (its own transaction) of the same row.
 */
export const b1StepOverhead: Benchmark = {
  id: 'B1',
  title: 'engine step overhead',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const runsPerSample = config.quick ? 20 : 200;
    const workflow = chainWorkflow(NODES);
    const host = benchEngine('b1-project');
    const raw = rawDatabase('b1-raw');
    const machine = ringMachine(NODES);
    try {
      // One recorded run gives the baseline its rows: same types, nodes and data.
      const first = await host.engine.start(workflow, { n: 1 });
      if (first.status !== 'completed') throw new Error(`B1 workflow ended ${first.status}`);
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
      const baseline = (): number => {
        const t0 = nowUs();
        for (let i = 0; i < runsPerSample; i++) {
          const runId = `raw${++rawRun}`;
          const actor = createActor(machine).start();
          for (const event of template) {
            actor.send({ type: 'NEXT' });
            raw.insert.run({
              runId,
              seq: event.seq,
              at: new Date().toISOString(),
              type: event.type,
              node: event.node ?? null,
              data: event.data === undefined ? null : JSON.stringify(event.data),
            });
          }
          actor.stop();
        }
        return (nowUs() - t0) / (runsPerSample * template.length);
      };

      config.progress(`B1: warm-up`);
      await interleave(config.quick ? 1 : 2, project, baseline);
      config.progress(`B1: ${config.reps} pair(s) of ${runsPerSample} runs (${template.length} events each)`);
      const pairs = await interleave(config.reps, project, baseline);
      const ratios = pairs.map((p) => p.project / p.baseline);
      const ratio = median(ratios);
      const projectUs = median(pairs.map((p) => p.project));
      const baselineUs = median(pairs.map((p) => p.baseline));
      return {
        json: {
          ratio: round(ratio),
          goal: GOAL,
          met: ratio <= GOAL,
          median_us: round(projectUs),
          baseline_us: round(baselineUs),
          unit: 'µs per history event',
          events_per_run: template.length,
          runs_per_sample: runsPerSample,
          pair_ratios: ratios.map(round),
          spread_pct: round(spreadPct(ratios)),
        },
        rows: [
          {
            benchmark: `B1 step overhead (${NODES}-node chain)`,
            project: fmt(projectUs, 'µs/event'),
            baseline: fmt(baselineUs, 'µs/event'),
            value: `${round(ratio)}× (±${Math.round(spreadPct(ratios))}%)`,
            goal: `≤ ${GOAL}×`,
            met: ratio <= GOAL,
          },
        ],
      };
    } finally {
      host.close();
      raw.db.close();
    }
  },
};
