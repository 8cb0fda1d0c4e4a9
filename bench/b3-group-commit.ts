import type { HistoryEvent } from '#shared';
import { benchEngine, rawDatabase, rawRow, type RawEventRow } from './bench-host.js';
import { fmt, interleave, pause, type BenchConfig, type BenchOutcome, type Benchmark, pairStats } from './benchmark.js';
import { median, nowUs, round, spreadPct } from './stats.js';
import { chainWorkflow } from './workflows.js';

const STEPS = 10;
const GOAL = 0.5;
const RAW_BATCH = 1000;

/** One history event as the project committed it, in commit order. */
interface Written {
  run: number;
  event: HistoryEvent;
}

/**
 * B3: many runs started at once (Promise.all over engine.start) on one store with group
 * commit, in history events committed per second, against raw inserts of the same rows in
 * the order the project committed them (recorded in the warm-up through `onEvents`),
 * 1,000 per transaction. A sync store (one commit per batch of each run) is shown for comparison.
 */
export const b3GroupCommit: Benchmark = {
  id: 'B3',
  title: 'concurrent runs, group commit',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const runs = config.quick ? 100 : 1000;
    const workflow = chainWorkflow(STEPS);
    let written: Written[] = [];
    let sample = 0;

    const project = async (groupCommit: boolean, record?: Written[]): Promise<number> => {
      const runIndex = new Map<string, number>();
      const onEvents = (runId: string, events: readonly HistoryEvent[]): void => {
        let run = runIndex.get(runId);
        if (run === undefined) runIndex.set(runId, (run = runIndex.size));
        for (const event of events) record?.push({ run, event });
      };
      const host = benchEngine(`b3-project-${++sample}`, { groupCommit, ...(record ? { onEvents } : {}) });
      try {
        const t0 = nowUs();
        const outcomes = await Promise.all(
          Array.from({ length: runs }, (_, i) => host.engine.start(workflow, { n: i })),
        );
        const seconds = (nowUs() - t0) / 1e6;
        let events = 0;
        for (const o of outcomes) {
          if (o.status !== 'completed') throw new Error(`B3 run ended ${o.status}: ${o.error?.message ?? ''}`);
          events += (await host.store.lastSeq(o.runId)) ?? 0;
        }
        return events / seconds;
      } finally {
        await host.close();
        await pause();
      }
    };
    const baseline = (): number => {
      const raw = rawDatabase(`b3-raw-${++sample}`);
      try {
        const insertBatch = raw.db.transaction((rows: RawEventRow[]) => {
          for (const row of rows) raw.insert.run(row);
        });
        const t0 = nowUs();
        let batch: RawEventRow[] = [];
        let events = 0;
        for (const { run, event } of written) {
          batch.push(rawRow(`raw${run}`, event));
          if (batch.length === RAW_BATCH) {
            insertBatch(batch);
            events += batch.length;
            batch = [];
          }
        }
        if (batch.length > 0) insertBatch(batch);
        events += batch.length;
        return events / ((nowUs() - t0) / 1e6);
      } finally {
        raw.db.close();
      }
    };

    config.progress('B3: warm-up');
    const record: Written[] = [];
    await project(true, record);
    written = record;
    baseline();
    config.progress(`B3: ${config.reps} pair(s) of ${runs} concurrent runs`);
    const pairs = await interleave(config.reps, () => project(true), baseline);
    config.progress('B3: the same without group commit, for comparison');
    const sync = median(
      (
        await interleave(
          Math.min(config.reps, 3),
          () => project(false),
          () => 0,
        )
      ).map((p) => p.project),
    );
    const { ratios, ratio, project: rate, baseline: rawRate } = pairStats(pairs);
    return {
      json: {
        ratio: round(ratio),
        goal: GOAL,
        met: ratio >= GOAL,
        events_per_s: Math.round(rate),
        baseline_events_per_s: Math.round(rawRate),
        without_group_commit_events_per_s: Math.round(sync),
        runs,
        events_per_run: written.length / runs,
        pair_ratios: ratios.map(round),
        spread_pct: round(spreadPct(ratios)),
      },
      rows: [
        {
          benchmark: `B3 ${runs} concurrent runs × ${STEPS} steps`,
          project: fmt(rate / 1000, 'k events/s'),
          baseline: fmt(rawRate / 1000, 'k events/s'),
          value: `${Math.round(ratio * 100)} % of raw (±${Math.round(spreadPct(ratios))}%)`,
          goal: `≥ ${GOAL * 100} %`,
          met: ratio >= GOAL,
        },
        {
          benchmark: 'B3 same, no group commit',
          project: fmt(sync / 1000, 'k events/s'),
          baseline: fmt(rawRate / 1000, 'k events/s'),
          value: `${Math.round((sync / rawRate) * 100)} % of raw`,
          goal: '-',
        },
      ],
    };
  },
};
