import { drainCopy, type DrainSample, type DrainSettings } from './b9-drain.js';
import { scaleOutModel } from './b9-model.js';
import { readWorkerRows, writeRawRows, type WorkerRows } from './b9-raw-writes.js';
import { benchDatabase, postgresUnavailable } from './bench-postgres.js';
import {
  fmt,
  rotate,
  skipped,
  type BenchConfig,
  type BenchOutcome,
  type Benchmark,
  type TableRow,
} from './benchmark.js';
import { recordRuns } from './record-runs.js';
import { median, round, spreadPct } from './stats.js';
import { chainWorkflow } from './workflows.js';

const ID = 'B9';
const TITLE = 'scale-out on PostgreSQL';
const STEPS = 10;
const WORKER_COUNTS = [1, 2, 4] as const;
/** 2 workers against 1, on this 2-core machine; 4 must not fall below 2. */
const GOAL_TWO = 1.6;
const SETTINGS: Omit<DrainSettings, 'timeoutMs'> = { concurrency: 8, leaseMs: 10_000, pollMs: 100 };
const RAW_PER_TRANSACTION = 1000;
const MAX_ROUNDS = 5;

/**
 * B9: runs recorded on one PostgreSQL store (`run --detach`'s path), drained by 1, 2 and 4
 * `switchyard worker --until-idle` processes, in history events per second; against each other
 * and against the same rows written with plain `pg` in batched transactions (b9-raw-writes.ts).
 * Every round takes each sample once, rotating the order.
 */
export const b9ScaleOut: Benchmark = {
  id: ID,
  title: TITLE,
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const unavailable = postgresUnavailable({ needsCli: true });
    if (unavailable !== undefined) return skipped(ID, TITLE, unavailable).run(config);
    const runs = config.quick ? 200 : 2000;
    const settings: DrainSettings = { ...SETTINGS, timeoutMs: config.quick ? 60_000 : 300_000 };
    const template = await benchDatabase();
    try {
      config.progress(`B9: recording ${runs} runs × ${STEPS} steps`);
      const recorded = await recordRuns(template.url, chainWorkflow(STEPS), runs);
      let rows: WorkerRows | undefined;
      const samples = new Map<number, DrainSample[]>(WORKER_COUNTS.map((n) => [n, []]));
      const drain = (workers: number) => async (): Promise<number> => {
        const sample = await drainCopy(template.name, recorded, workers, settings);
        samples.get(workers)?.push(sample);
        config.progress(`B9: ${workers} worker(s): ${fmt(sample.eventsPerS / 1000, 'k events/s')}`);
        return sample.eventsPerS;
      };
      const raw = async (): Promise<number> => {
        if (rows === undefined) throw new Error('B9: the raw baseline has no rows (the warm-up drain reads them)');
        const copy = await benchDatabase(template.name);
        try {
          return await writeRawRows(copy.url, rows, RAW_PER_TRANSACTION);
        } finally {
          await copy.drop();
        }
      };

      config.progress('B9: warm-up (1 worker; its rows are the raw baseline)');
      await drainCopy(template.name, recorded, 1, settings, async (url) => {
        rows = await readWorkerRows(url, recorded.recordedSeq);
      });
      await raw();
      // A round is three drains of 2,000 runs and a raw write (10–25 s here): at most MAX_ROUNDS of them.
      const count = Math.min(config.reps, MAX_ROUNDS);
      config.progress(`B9: ${count} round(s) of 1, 2, 4 workers and raw`);
      const rounds = await rotate(count, [...WORKER_COUNTS.map(drain), raw]);
      return report(rounds, samples, rows, runs);
    } finally {
      await template.drop();
    }
  },
};

function report(
  rounds: number[][],
  samples: ReadonlyMap<number, DrainSample[]>,
  rows: WorkerRows | undefined,
  runs: number,
): BenchOutcome {
  const rate = (i: number) => median(rounds.map((r) => r[i] ?? NaN));
  const ratiosTo = (i: number, base: number) => rounds.map((r) => (r[i] ?? NaN) / (r[base] ?? NaN));
  const rawIndex = WORKER_COUNTS.length;
  const rawRate = rate(rawIndex);
  const two = ratiosTo(1, 0);
  const four = ratiosTo(2, 0);
  const twoRatio = median(two);
  const fourRatio = median(four);
  const metTwo = twoRatio >= GOAL_TWO;
  const metFour = fourRatio >= twoRatio;
  const of = (n: number, pick: (d: DrainSample) => number | undefined) => {
    const values = (samples.get(n) ?? []).map(pick).filter((x): x is number => x !== undefined);
    return values.length === 0 ? undefined : median(values);
  };
  const cpu = scaleOutModel({ of, counts: WORKER_COUNTS, runs, eventsPerRun: rows ? rows.events / runs : NaN });
  const perCount = Object.fromEntries(
    WORKER_COUNTS.map((n, i) => [
      n,
      {
        events_per_s: Math.round(rate(i)),
        of_raw: round(median(ratiosTo(i, rawIndex))),
        all_writing_s: round((of(n, (d) => d.overlapMs) ?? NaN) / 1000),
        all_writing_events_per_s: Math.round(of(n, (d) => d.overlapEventsPerS ?? undefined) ?? NaN),
        wall_s: round(of(n, (d) => d.wallSeconds) ?? NaN),
        cpu_ms_per_run: {
          workers: round(of(n, (d) => d.cpuMsPerRun.workers) ?? NaN),
          postgres: round(of(n, (d) => d.cpuMsPerRun.postgres) ?? NaN),
        },
        server_per_run: {
          transactions: round(of(n, (d) => d.serverPerRun.transactions) ?? NaN),
          rows_read: round(of(n, (d) => d.serverPerRun.rowsRead) ?? NaN),
        },
        // The last sample's, as an example of how the runs and the time were shared.
        runs_per_worker: samples.get(n)?.at(-1)?.runsPerWorker ?? [],
        worker_spans_ms: samples.get(n)?.at(-1)?.workerSpansMs ?? [],
        worker_exits_ms: samples.get(n)?.at(-1)?.workerExitsMs ?? [],
        early_exits: (samples.get(n) ?? []).map((d) => d.earlyExits),
      },
    ]),
  );
  const rowFor = (n: number, i: number): TableRow => {
    const ofRaw = `${Math.round(median(ratiosTo(i, rawIndex)) * 100)} % of raw`;
    const base = {
      benchmark: `B9 ${runs} runs × ${STEPS} steps, ${n} worker${n === 1 ? '' : 's'}`,
      project: fmt(rate(i) / 1000, 'k events/s'),
    };
    if (n === 1) return { ...base, baseline: fmt(rawRate / 1000, 'k events/s (raw)'), value: ofRaw, goal: '-' };
    const ratios = n === 2 ? two : four;
    return {
      ...base,
      baseline: fmt(rate(0) / 1000, 'k events/s (1 worker)'),
      value: `${round(median(ratios))}× (±${Math.round(spreadPct(ratios))}%), ${ofRaw}`,
      goal: n === 2 ? `≥ ${GOAL_TWO}×` : `≥ 2 workers' ${round(twoRatio)}×`,
      met: n === 2 ? metTwo : metFour,
    };
  };
  return {
    json: {
      ratio_2_workers: round(twoRatio),
      ratio_4_workers: round(fourRatio),
      goal_2_workers: GOAL_TWO,
      met: metTwo && metFour,
      workers: perCount,
      baseline_events_per_s: Math.round(rawRate),
      ...cpu.json,
      runs,
      events_per_run: rows === undefined ? null : round(rows.events / runs),
      appends_per_run: rows === undefined ? null : round(rows.batches / runs),
      worker_concurrency: SETTINGS.concurrency,
      lease_ms: SETTINGS.leaseMs,
      poll_ms: SETTINGS.pollMs,
      raw_rows_per_transaction: RAW_PER_TRANSACTION,
      round_ratios_2: two.map(round),
      round_ratios_4: four.map(round),
      spread_pct_2: round(spreadPct(two)),
    },
    rows: [...WORKER_COUNTS.map((n, i) => rowFor(n, i)), ...cpu.rows],
  };
}
