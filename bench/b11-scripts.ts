import { scriptThreads } from '#backend';
import { benchEngine } from './bench-host.js';
import { fmt, interleave, pairStats, pause, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';
import { nowUs, round, spreadPct } from './stats.js';
import { chainWorkflow } from './workflows.js';

const NODES = 6;
const GOAL = 1.5;

/**
 * B11: a chain of 4 script nodes run on the engine with scripts in the host's pool of worker
 * threads (what `serve`, workers, the CLI and the desktop app do) against the same engine running
 * them in-process: one run at a time (ms per run) and many at once (runs per second).
 */
export const b11Scripts: Benchmark = {
  id: 'B11',
  title: 'script nodes in worker threads',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const threads = scriptThreads({ log: () => undefined });
    if (threads === undefined) throw new Error('B11 needs dist/script-thread.js: run npm run build first');
    const workflow = chainWorkflow(NODES, 'script');
    const sequentialRuns = config.quick ? 10 : 100;
    const concurrentRuns = config.quick ? 20 : 200;

    const session = async (inThreads: boolean, work: (start: (n: number) => Promise<void>) => Promise<number>) => {
      const host = benchEngine(`b11-${inThreads ? 'threads' : 'inline'}`, {
        groupCommit: true,
        ...(inThreads ? { scripts: threads } : {}),
      });
      const start = async (n: number): Promise<void> => {
        const outcome = await host.engine.start(workflow, { n });
        if (outcome.status !== 'completed')
          throw new Error(`B11 run ended ${outcome.status}: ${outcome.error?.message}`);
      };
      try {
        return await work(start);
      } finally {
        await host.close();
        await pause();
      }
    };
    /** ms per run, one after another. */
    const sequential = (inThreads: boolean) =>
      session(inThreads, async (start) => {
        const t0 = nowUs();
        for (let i = 0; i < sequentialRuns; i++) await start(i);
        return (nowUs() - t0) / 1000 / sequentialRuns;
      });
    /** ms per run, all started at once. */
    const concurrent = (inThreads: boolean) =>
      session(inThreads, async (start) => {
        const t0 = nowUs();
        await Promise.all(Array.from({ length: concurrentRuns }, (_, i) => start(i)));
        return (nowUs() - t0) / 1000 / concurrentRuns;
      });

    config.progress('B11: warm-up');
    await interleave(
      1,
      () => sequential(true),
      () => sequential(false),
    );
    config.progress(`B11: ${config.reps} pair(s) of ${sequentialRuns} runs one at a time`);
    const one = pairStats(
      await interleave(
        config.reps,
        () => sequential(true),
        () => sequential(false),
      ),
    );
    config.progress(`B11: ${config.reps} pair(s) of ${concurrentRuns} runs at once`);
    const many = pairStats(
      await interleave(
        config.reps,
        () => concurrent(true),
        () => concurrent(false),
      ),
    );
    return {
      json: {
        ratio: round(one.ratio),
        goal: GOAL,
        met: one.ratio <= GOAL,
        median_ms_per_run: round(one.project),
        baseline_ms_per_run: round(one.baseline),
        scripts_per_run: NODES - 2,
        pair_ratios: one.ratios.map(round),
        spread_pct: round(spreadPct(one.ratios)),
        concurrent: {
          runs: concurrentRuns,
          ratio: round(many.ratio),
          median_ms_per_run: round(many.project),
          baseline_ms_per_run: round(many.baseline),
        },
      },
      rows: [
        {
          benchmark: `B11 ${NODES - 2} scripts a run, one run at a time`,
          project: fmt(one.project, 'ms/run'),
          baseline: `${fmt(one.baseline, 'ms/run')} (in-process)`,
          value: `${round(one.ratio)}× (±${Math.round(spreadPct(one.ratios))}%)`,
          goal: `≤ ${GOAL}×`,
          met: one.ratio <= GOAL,
        },
        {
          benchmark: `B11 same, ${concurrentRuns} runs at once`,
          project: fmt(many.project, 'ms/run'),
          baseline: `${fmt(many.baseline, 'ms/run')} (in-process)`,
          value: `${round(many.ratio)}×`,
          goal: '-',
        },
      ],
    };
  },
};
