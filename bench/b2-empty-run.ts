import { createActor } from 'xstate';
import type { HistoryEvent } from '#shared';
import { ringMachine } from './b1-step-overhead.js';
import { benchEngine, rawDatabase } from './bench-host.js';
import { fmt, interleave, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';
import { nowUs, percentile, round } from './stats.js';
import { emptyWorkflow } from './workflows.js';

const GOAL_P50_MS = 1;

/**
 * B2: latency of one empty run (start → end), from `engine.start` to its completed
 * outcome, everything persisted. Baseline: an XState actor walking the same number of
 * events, whose rows are written in one transaction.
 */
export const b2EmptyRun: Benchmark = {
  id: 'B2',
  title: 'empty-run latency',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const runsPerBlock = config.quick ? 100 : 500;
    const workflow = emptyWorkflow();
    const host = benchEngine('b2-project');
    const raw = rawDatabase('b2-raw');
    const machine = ringMachine(2);
    try {
      const first = await host.engine.start(workflow, {});
      if (first.status !== 'completed') throw new Error(`B2 workflow ended ${first.status}`);
      const template: HistoryEvent[] = await host.store.events(first.runId);
      const writeRun = raw.db.transaction((runId: string) => {
        for (const event of template) {
          raw.insert.run({
            runId,
            seq: event.seq,
            at: new Date().toISOString(),
            type: event.type,
            node: event.node ?? null,
            data: event.data === undefined ? null : JSON.stringify(event.data),
          });
        }
      });
      let rawRun = 0;

      const project = async (): Promise<number[]> => {
        const ms: number[] = [];
        for (let i = 0; i < runsPerBlock; i++) {
          const t0 = nowUs();
          const outcome = await host.engine.start(workflow, {});
          ms.push((nowUs() - t0) / 1000);
          if (outcome.status !== 'completed') throw new Error(`B2 run ended ${outcome.status}`);
        }
        return ms;
      };
      const baseline = (): number[] => {
        const ms: number[] = [];
        for (let i = 0; i < runsPerBlock; i++) {
          const t0 = nowUs();
          const actor = createActor(machine).start();
          for (let e = 0; e < template.length; e++) actor.send({ type: 'NEXT' });
          writeRun(`raw${++rawRun}`);
          actor.stop();
          ms.push((nowUs() - t0) / 1000);
        }
        return ms;
      };

      config.progress('B2: warm-up');
      await interleave(1, project, baseline);
      config.progress(`B2: ${config.reps} block(s) of ${runsPerBlock} runs`);
      const blocks = await interleave(config.reps, project, baseline);
      const p = blocks.flatMap((b) => b.project);
      const b = blocks.flatMap((x) => x.baseline);
      const p50 = percentile(p, 50);
      const p99 = percentile(p, 99);
      const b50 = percentile(b, 50);
      const b99 = percentile(b, 99);
      return {
        json: {
          p50_ms: round(p50),
          p99_ms: round(p99),
          goal_p50_ms: GOAL_P50_MS,
          met: p50 <= GOAL_P50_MS,
          baseline_p50_ms: round(b50),
          baseline_p99_ms: round(b99),
          ratio_p50: round(p50 / b50),
          events_per_run: template.length,
          runs: p.length,
        },
        rows: [
          {
            benchmark: 'B2 empty run p50',
            project: fmt(p50, 'ms'),
            baseline: fmt(b50, 'ms'),
            value: `${round(p50 / b50)}×`,
            goal: `≤ ${GOAL_P50_MS} ms`,
            met: p50 <= GOAL_P50_MS,
          },
          {
            benchmark: 'B2 empty run p99',
            project: fmt(p99, 'ms'),
            baseline: fmt(b99, 'ms'),
            value: `${round(p99 / b99)}×`,
            goal: '-',
          },
        ],
      };
    } finally {
      host.close();
      raw.db.close();
    }
  },
};
