import { availableParallelism } from 'node:os';
import type { DrainSample } from './b9-drain.js';
import { fmt, type TableRow } from './benchmark.js';
import { round } from './stats.js';

/** The median of a measure over the drains of one worker count (undefined when none has it). */
export type SampleMedian = (workers: number, pick: (d: DrainSample) => number | undefined) => number | undefined;

export interface ModelInputs {
  of: SampleMedian;
  /** The worker counts measured, fewest first (1 and 2 at least). */
  counts: readonly number[];
  runs: number;
  eventsPerRun: number;
}

/**
 * The model of where B9 saturates, from what the drains cost (README, "Scale-out on paper"):
 * every process shares this machine's cores, so the runs per second are bounded by
 * `cores / (worker + server CPU per run)`. A worker process also pays a fixed start-up and JIT
 * warm-up, measured as what the second worker added to the workers' CPU of the same drain; once
 * that is paid, a run costs `perRun` in a worker. The server's transactions and rows read per run
 * show what more workers add there (claims passing over the runs others hold), and the early
 * exits how often an `--until-idle` worker quit while runs were still due.
 */
export function scaleOutModel({ of, counts, runs, eventsPerRun }: ModelInputs): {
  json: Record<string, unknown>;
  rows: TableRow[];
} {
  const cores = availableParallelism();
  const most = counts[counts.length - 1] ?? 1;
  const rows: TableRow[] = [];
  const json: Record<string, unknown> = { cores };
  const workerMs = of(1, (d) => d.cpuMsPerRun.workers);
  const twoWorkersMs = of(2, (d) => d.cpuMsPerRun.workers);
  const postgresMs = of(1, (d) => d.cpuMsPerRun.postgres);
  const eventsPerS = (runsPerS: number) => runsPerS * eventsPerRun;
  if (workerMs !== undefined && postgresMs !== undefined) {
    const ceiling = eventsPerS((cores * 1000) / (workerMs + postgresMs));
    json['cpu_ms_per_run_1_worker'] = { worker: round(workerMs), postgres: round(postgresMs) };
    json['cpu_ceiling_events_per_s'] = Math.round(ceiling);
    rows.push({
      benchmark: 'B9 CPU per run, 1 worker (info)',
      project: `worker ${fmt(workerMs, 'ms')}`,
      baseline: `PostgreSQL ${fmt(postgresMs, 'ms')}`,
      value: `${cores} cores: ≤ ${fmt(ceiling / 1000, 'k events/s')}`,
      goal: '-',
    });
    const processMs = twoWorkersMs === undefined ? undefined : (twoWorkersMs - workerMs) * runs;
    const perRunMs = processMs === undefined ? undefined : workerMs - processMs / runs;
    if (processMs !== undefined && perRunMs !== undefined && processMs > 0 && perRunMs > 0) {
      const warm = eventsPerS((cores * 1000) / (perRunMs + postgresMs));
      json['worker_process_fixed_cpu_ms'] = Math.round(processMs);
      json['worker_cpu_ms_per_run_warm'] = round(perRunMs);
      json['warm_cpu_ceiling_events_per_s'] = Math.round(warm);
      rows.push({
        benchmark: 'B9 a worker process: start-up + warm-up (info)',
        project: `${fmt(processMs, 'ms')} CPU`,
        baseline: `then ${fmt(perRunMs, 'ms')} a run`,
        value: `warm, ${cores} cores: ≤ ${fmt(warm / 1000, 'k events/s')}`,
        goal: '-',
      });
    }
  }
  const server = (n: number) => {
    const transactions = of(n, (d) => d.serverPerRun.transactions) ?? NaN;
    return `${fmt(transactions, 'transactions')}, ${fmt(of(n, (d) => d.serverPerRun.rowsRead) ?? NaN, 'rows read')}`;
  };
  rows.push({
    benchmark: 'B9 server work per run (info)',
    project: `1 worker: ${server(1)}`,
    baseline: `${most} workers: ${server(most)}`,
    value: '-',
    goal: '-',
  });
  const early = (n: number) => `${n} workers: ${round(of(n, (d) => d.earlyExits) ?? NaN)} of ${n}`;
  rows.push({
    benchmark: 'B9 --until-idle workers that quit with runs still due (info, median)',
    project: early(2),
    baseline: early(most),
    value: '-',
    goal: '-',
  });
  return { json, rows };
}
