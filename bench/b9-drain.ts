import { PostgresRunStore } from '#storage';
import { benchDatabase } from './bench-postgres.js';
import { postmasterOf, reapedChildrenCpu, serverCpu } from './cpu-time.js';
import { forEachInParallel } from './in-parallel.js';
import { databaseStats, type DatabaseStats } from './server-stats.js';
import type { RecordedRuns } from './record-runs.js';
import { awaitExits, failedExits, spawnWorker, stopWorkers, type WorkerProcess } from './worker-process.js';

/** How the workers of a drain run (the same for every worker count). */
export interface DrainSettings {
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  /** Kill the workers and fail when they have not all exited by then. */
  timeoutMs: number;
}

export interface DrainSample {
  workers: number;
  /**
   * Events per second over the drain: every event the workers wrote (every run's after
   * `recordedSeq`) from the first to the last, by the events' own timestamps (process start-up
   * before a worker's first event is left out; start-up of workers that come later is not).
   */
  eventsPerS: number;
  /** Events per second while every worker was writing (last one's first event to first one's last), or null. */
  overlapEventsPerS: number | null;
  /** How long every worker was writing at once. */
  overlapMs: number;
  events: number;
  /** From spawning the workers until the last one exited (process start and store connect included). */
  wallSeconds: number;
  /** How many runs each worker drove. */
  runsPerWorker: number[];
  /** When each worker wrote its first and its last event, in ms since the workers were spawned. */
  workerSpansMs: [number, number][];
  /** When each worker exited, in ms since they were spawned. */
  workerExitsMs: number[];
  /** Workers that exited (`--until-idle`) before some run had even started: they quit with runs still due. */
  earlyExits: number;
  /** CPU milliseconds per run: the worker processes and the PostgreSQL server (undefined without /proc). */
  cpuMsPerRun: { workers: number | undefined; postgres: number | undefined };
  /** Per run, as the server counted them: transactions committed and rows read (scans and index fetches). */
  serverPerRun: DatabaseStats;
}

/**
 * One B9 sample: a copy of the `template` database (runs recorded, none driven) drained by
 * `workers` real `switchyard worker --until-idle` processes. Checks that every run completed and
 * was driven by exactly one worker; `inspect` sees the drained database before it is dropped.
 */
export async function drainCopy(
  template: string,
  recorded: RecordedRuns,
  workers: number,
  settings: DrainSettings,
  inspect?: (url: string) => Promise<void>,
): Promise<DrainSample> {
  const database = await benchDatabase(template);
  const processes: WorkerProcess[] = [];
  try {
    const postmaster = await postmasterOf(database.url);
    const cpu = () => ({ workers: reapedChildrenCpu(), postgres: postmaster && serverCpu(postmaster) });
    const stats0 = await databaseStats(database.url);
    const cpu0 = cpu();
    const spawnedAt = Date.now();
    const t0 = performance.now();
    for (let i = 1; i <= workers; i++) {
      processes.push(
        spawnWorker({ storeUrl: database.url, name: `b9-w${i}-of-${workers}`, untilIdle: true, ...settings }),
      );
    }
    const exits = await awaitExits(processes, settings.timeoutMs);
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu1 = cpu();
    const stats1 = await databaseStats(database.url);
    const failed = failedExits(processes, exits);
    if (failed !== undefined) throw failed;
    const drivers = driversOf(processes, recorded.runIds);
    if (typeof drivers === 'string') throw new Error(`B9 with ${workers} worker(s): ${drivers}`);
    const timeline = await workerTimeline(database.url, recorded, drivers, processes.length, spawnedAt);
    await inspect?.(database.url);
    const runs = recorded.runIds.length;
    const perRun = (before: number | undefined, after: number | undefined) =>
      before === undefined || after === undefined ? undefined : ((after - before) * 1000) / runs;
    return {
      workers,
      ...timeline,
      wallSeconds,
      runsPerWorker: processes.map((w) => w.outcomes.length),
      workerExitsMs: exits.map((exit) => exit.at - spawnedAt),
      earlyExits: exits.filter((exit) => timeline.runStarts.some((at) => at > exit.at)).length,
      cpuMsPerRun: { workers: perRun(cpu0.workers, cpu1.workers), postgres: perRun(cpu0.postgres, cpu1.postgres) },
      serverPerRun: {
        transactions: (stats1.transactions - stats0.transactions) / runs,
        rowsRead: (stats1.rowsRead - stats0.rowsRead) / runs,
      },
    };
  } finally {
    await stopWorkers(processes);
    await database.drop();
  }
}

/**
 * Which worker drove each run, from their outcome lines; or what is wrong with those lines (a run
 * driven twice, not completed, or never driven).
 */
function driversOf(workers: readonly WorkerProcess[], runIds: readonly string[]): Map<string, number> | string {
  const drivers = new Map<string, number>();
  for (const [index, worker] of workers.entries()) {
    for (const outcome of worker.outcomes) {
      const before = drivers.get(outcome.runId);
      if (before !== undefined)
        return `run ${outcome.runId} was driven by ${workers[before]?.name} and by ${worker.name}`;
      if (outcome.status !== 'completed') return `run ${outcome.runId} ended ${outcome.status} on ${worker.name}`;
      drivers.set(outcome.runId, index);
    }
  }
  const missing = runIds.filter((id) => !drivers.has(id));
  return missing.length === 0 ? drivers : `${missing.length} run(s) never driven, e.g. ${missing[0]}`;
}

/** The workers' events by their timestamps: the rate while all of them wrote, and over the whole drain. */
async function workerTimeline(
  url: string,
  recorded: RecordedRuns,
  drivers: ReadonlyMap<string, number>,
  workers: number,
  spawnedAt: number,
): Promise<
  Pick<DrainSample, 'eventsPerS' | 'overlapEventsPerS' | 'overlapMs' | 'events' | 'workerSpansMs'> & {
    /** Each run's first event by a worker (Date.now() time). */
    runStarts: number[];
  }
> {
  const store = await PostgresRunStore.open(url);
  const times: { at: number; worker: number }[] = [];
  const runStarts: number[] = [];
  try {
    await forEachInParallel(recorded.runIds, 8, async (runId) => {
      const worker = drivers.get(runId) ?? -1;
      const written = await store.events(runId, recorded.recordedSeq + 1);
      const head = written[0];
      if (head === undefined) throw new Error(`run ${runId} has no events after recording`);
      runStarts.push(Date.parse(head.at));
      for (const event of written) times.push({ at: Date.parse(event.at), worker });
    });
  } finally {
    await store.close();
  }
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const { at, worker } of times) {
    first.set(worker, Math.min(first.get(worker) ?? Infinity, at));
    last.set(worker, Math.max(last.get(worker) ?? -Infinity, at));
  }
  const rate = (from: number, to: number) => {
    // Timestamps are whole milliseconds: a window never counts as shorter than one.
    const inside = times.filter(({ at }) => at >= from && at <= to).length;
    return inside / (Math.max(to - from, 1) / 1000);
  };
  const starts = [...first.values()];
  const ends = [...last.values()];
  const overlap = { from: Math.max(...starts), to: Math.min(...ends) };
  const overlapMs = overlap.to - overlap.from;
  return {
    eventsPerS: rate(Math.min(...starts), Math.max(...ends)),
    overlapEventsPerS: overlapMs > 0 ? rate(overlap.from, overlap.to) : null,
    overlapMs,
    events: times.length,
    runStarts,
    workerSpansMs: Array.from({ length: workers }, (_, w): [number, number] => [
      (first.get(w) ?? NaN) - spawnedAt,
      (last.get(w) ?? NaN) - spawnedAt,
    ]),
  };
}
