import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresRunStore } from '#storage';
import { engineOn } from './bench-host.js';
import { benchDatabase, postgresUnavailable } from './bench-postgres.js';
import { fmt, skipped, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';
import { startHeldTaskServer, type HeldTaskServer } from './held-task-server.js';
import { median, round } from './stats.js';
import { taskWorkflow } from './workflows.js';
import { spawnWorker, stopWorkers, type WorkerProcess, type WorkerSpec } from './worker-process.js';

const ID = 'B10';
const TITLE = 'failover on PostgreSQL';
const WORKERS = 3;
/** How often idle workers look for due runs: an expired lease wakes nobody, so this adds to the takeover. */
const POLL_MS = 250;
const GOAL_EXTRA_MS = 1000;
/** How often the bench looks at the store while it waits for the run to move on. */
const WATCH_MS = 10;

interface Takeover {
  /** SIGKILL of the worker driving the run → the run's next recorded event (its own timestamp). */
  ms: number;
  /** How long after its task started the driving worker was killed. */
  killDelayMs: number;
  killed: string;
  tookOver: string;
}

/**
 * B10: three `switchyard worker` processes on one PostgreSQL store; a run's task (an HTTP request
 * the bench holds unanswered) is under way when the worker driving it is SIGKILLed. Measured: the
 * time from the kill to the run's next recorded event, written by another worker once the lease
 * has expired. Kill points are spread over one lease period (renewals come every third of it), so
 * the measurements cover the best and the worst case.
 */
export const b10Failover: Benchmark = {
  id: ID,
  title: TITLE,
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const unavailable = postgresUnavailable({ needsCli: true });
    if (unavailable !== undefined) return skipped(ID, TITLE, unavailable).run(config);
    const leaseMs = config.leaseMs;
    const database = await benchDatabase();
    const server = await startHeldTaskServer();
    const store = await PostgresRunStore.open(database.url, { poolSize: 2 });
    const workers: WorkerProcess[] = [];
    try {
      let spawned = 0;
      const spec = (): WorkerSpec => ({
        storeUrl: database.url,
        name: `b10-w${++spawned}`,
        concurrency: 2,
        leaseMs,
        pollMs: POLL_MS,
        untilIdle: false,
      });
      const start = async (): Promise<void> => {
        const worker = spawnWorker(spec());
        workers.push(worker);
        await worker.ready;
      };
      config.progress(`B10: ${WORKERS} workers, lease ${leaseMs} ms, poll ${POLL_MS} ms`);
      for (let i = 0; i < WORKERS; i++) await start();
      const engine = engineOn(store, {}, 'b10-');
      const workflow = taskWorkflow(server.url);
      const takeovers: Takeover[] = [];
      const reps = config.quick ? 1 : config.reps;
      for (let rep = 0; rep < reps; rep++) {
        const killDelayMs = Math.round((rep / reps) * leaseMs);
        const { runId } = await engine.start(workflow, { n: rep }, { detach: true });
        const takeover = await killDriver(store, server, workers, runId, killDelayMs, leaseMs);
        config.progress(`B10: kill ${killDelayMs} ms into the task → next event after ${takeover.ms} ms`);
        takeovers.push(takeover);
        await start();
      }
      return report(takeovers, leaseMs);
    } finally {
      await stopWorkers(workers);
      await store.close();
      await server.close();
      await database.drop();
    }
  },
};

/**
 * Waits for a worker to start `runId`'s task, kills that worker `killDelayMs` later, and measures
 * until the run's next event; then checks that another worker finished the run and ran the task
 * again with the same idempotency key.
 */
async function killDriver(
  store: PostgresRunStore,
  server: HeldTaskServer,
  workers: readonly WorkerProcess[],
  runId: string,
  killDelayMs: number,
  leaseMs: number,
): Promise<Takeover> {
  await server.held(runId, 30_000);
  await sleep(killDelayMs);
  const lease = await store.leaseOf(runId);
  const victim = workers.find((w) => w.name === lease?.owner);
  if (victim === undefined) throw new Error(`B10: run ${runId} is held by ${lease?.owner ?? 'nobody'}, not a worker`);
  const killedAt = Date.now();
  victim.kill('SIGKILL');
  await victim.exited;
  const seqAtKill = (await store.lastSeq(runId)) ?? 0;
  const deadline = killedAt + leaseMs + 30_000;
  while (((await store.lastSeq(runId)) ?? 0) <= seqAtKill) {
    if (Date.now() > deadline) throw new Error(`B10: run ${runId} did not move on within ${leaseMs + 30_000} ms`);
    await sleep(WATCH_MS);
  }
  const [next] = await store.events(runId, seqAtKill + 1, seqAtKill + 1);
  if (next === undefined) throw new Error(`B10: run ${runId} has no event ${seqAtKill + 1}`);
  const tookOver = await finisher(store, workers, runId, deadline);
  const keys = server.keysOf(runId);
  if (keys.length !== 2 || keys[0] !== keys[1])
    throw new Error(`B10: run ${runId}'s task was called with keys [${keys.join(', ')}], expected the same key twice`);
  return { ms: Date.parse(next.at) - killedAt, killDelayMs, killed: victim.name, tookOver };
}

/** The worker that reported `runId` completed; fails when the run ends otherwise or not in time. */
async function finisher(
  store: PostgresRunStore,
  workers: readonly WorkerProcess[],
  runId: string,
  deadline: number,
): Promise<string> {
  for (;;) {
    const done = workers.find((w) => w.outcomes.some((o) => o.runId === runId));
    const outcome = done?.outcomes.find((o) => o.runId === runId);
    if (done !== undefined && outcome !== undefined) {
      if (outcome.status !== 'completed') throw new Error(`B10: run ${runId} ended ${outcome.status} on ${done.name}`);
      return done.name;
    }
    if (Date.now() > deadline) {
      const run = await store.getRun(runId);
      throw new Error(`B10: no worker finished run ${runId} (it is ${run?.status ?? 'gone'})`);
    }
    await sleep(WATCH_MS);
  }
}

function report(takeovers: readonly Takeover[], leaseMs: number): BenchOutcome {
  const ms = takeovers.map((t) => t.ms);
  const worst = Math.max(...ms);
  const goal = leaseMs + GOAL_EXTRA_MS;
  const met = worst <= goal;
  return {
    json: {
      max_ms: worst,
      p50_ms: round(median(ms)),
      min_ms: Math.min(...ms),
      goal_ms: goal,
      met,
      lease_ms: leaseMs,
      poll_ms: POLL_MS,
      workers: WORKERS,
      takeovers: takeovers.map((t) => ({
        kill_delay_ms: t.killDelayMs,
        ms: t.ms,
        killed: t.killed,
        took_over: t.tookOver,
      })),
    },
    rows: [
      {
        benchmark: `B10 SIGKILL → next event on another worker (lease ${fmt(leaseMs / 1000, 's')})`,
        project: `max ${fmt(worst, 'ms')}, p50 ${fmt(median(ms), 'ms')}`,
        baseline: `lease ${leaseMs} ms, poll ${POLL_MS} ms`,
        value: `max ${round(worst / leaseMs)}× lease`,
        goal: `≤ lease + ${GOAL_EXTRA_MS / 1000} s`,
        met,
      },
    ],
  };
}
