/**
 * Failover on PostgreSQL (issue 11): three `switchyard worker` processes drain runs recorded with
 * `run --detach` while the test SIGKILLs workers at seeded points, starting a fresh one after
 * each. Every run must end as if nothing had happened: the right output, seqs 1..n, no node
 * completed twice, every http request the engine sent again with the first one's idempotency key,
 * and the runs of a killed worker moved on by another one only after their leases expired.
 * FAILOVER_SEED=… picks other kill points (the seed is printed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunLease } from '#engine';
import { seededRandom } from '#engine';
import type { HistoryEvent } from '#shared';
import { PostgresRunStore } from '#storage';
import { usePostgres } from '../../src/storage/postgres-cluster.test-support.js';
import { makeWorkspace, runCli, writeFlow } from './cli-harness.js';
import { startRecordingServer, type ReceivedRequest, type RecordingServer } from './recording-server.js';
import { expectGapless, killWorkers, startWorker, until, untilReady, type WorkerProcess } from './worker-process.js';

const SEED = process.env['FAILOVER_SEED'] ?? 'failover-1';
const RUNS = 30;
const WORKERS = 3;
const LEASE_MS = 1500;
/** The http nodes, and every node of the workflow (a join is entered once per arriving branch). */
const CALLS = ['fetch', 'price', 'stock', 'record'] as const;
const COMPLETED = ['start', 'fetch', 'split', 'price', 'nap', 'stock', 'merge', 'record', 'done'];
const ENTERED = [...COMPLETED, 'merge'];

const postgres = usePostgres();
const ws = makeWorkspace('switchyard-failover-');
const killRandom = seededRandom(`${SEED}:kills`);
const answerRandom = seededRandom(`${SEED}:answers`);

let server: RecordingServer;
let store: string;
let reader: PostgresRunStore;
let file: string;

/** start → fetch → split ⟨ price | nap (delay) → stock ⟩ merge → record → done; every call on `base`. */
function failoverFlow(base: string): Record<string, unknown> {
  const call = (id: string, method = 'GET') => ({
    id,
    kind: 'http',
    config: { method, url: `${base}/step/{{ input.n }}/${id}`, ...(method === 'POST' ? { body: 'input' } : {}) },
  });
  return {
    format: 'switchyard/workflow@1',
    id: 'failover',
    name: 'failover',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start' },
      call('fetch'),
      { id: 'split', kind: 'parallel' },
      call('price'),
      { id: 'nap', kind: 'delay', config: { ms: 300 } },
      call('stock'),
      { id: 'merge', kind: 'join', config: { mode: 'all' } },
      call('record', 'POST'),
      {
        id: 'done',
        kind: 'end',
        config: {
          output: `{ 'n': input.n, 'parts': [${CALLS.map((c) => `steps.${c}.output.body.value`).join(', ')}] }`,
        },
      },
    ],
    edges: [
      ['start', 'fetch'],
      ['fetch', 'split'],
      ['split', 'price'],
      ['split', 'nap'],
      ['nap', 'stock'],
      ['price', 'merge'],
      ['stock', 'merge'],
      ['merge', 'record'],
      ['record', 'done'],
    ].map(([from, to]) => ({ from, to })),
  };
}

const expectedOutput = (n: number) => ({ n, parts: CALLS.map((c) => `/step/${n}/${c}`) });

/** Which run (by its input n) and node a request is for, read from its path alone. */
function callOf(request: ReceivedRequest): { n: number; node: string } {
  const match = /^\/step\/(\d+)\/(\w+)$/.exec(request.path);
  if (match === null) throw new Error(`unexpected request ${request.method} ${request.path}`);
  return { n: Number(match[1]), node: match[2] ?? '' };
}

/** 3–5 kill points, as numbers of requests received, spread over the first ~70 % of the drain. */
function killPlan(): number[] {
  const count = 3 + Math.floor(killRandom() * 3);
  const first = 12;
  const slot = (RUNS * CALLS.length * 0.7 - first) / count;
  return Array.from({ length: count }, (_, i) => first + Math.floor(slot * (i + killRandom())));
}

interface Kill {
  victim: string;
  atRequest: number;
  killedAt: number;
  /** The unfinished runs it held when killed, with their lease and last seq once it was dead. */
  held: { runId: string; lease: RunLease; lastSeq: number }[];
  /** Requests it had sent and not had an answer to: lost with it. */
  lost: ReceivedRequest[];
}

/** The workers running now, by name, and every worker started (for their outcome lines). */
const live = new Map<string, WorkerProcess>();
const everyWorker: WorkerProcess[] = [];

function startNamedWorker(): void {
  const name = `w${everyWorker.length + 1}`;
  const worker = startWorker(ws.dir, [
    ...['--store', store, '--name', name, '--concurrency', '4'],
    ...['--lease-ms', String(LEASE_MS), '--poll-ms', '100'],
  ]);
  live.set(name, worker);
  everyWorker.push(worker);
}

/** The runs not ended yet, by input n, with their live leases. */
async function runningRuns(): Promise<{
  runOf: (request: ReceivedRequest) => string | undefined;
  leases: Map<string, RunLease>;
}> {
  const running = await reader.listRuns({ status: 'running' });
  const byN = new Map(running.map((run) => [(run.input as { n: number }).n, run.id]));
  const leases = new Map<string, RunLease>();
  for (const { id } of running) {
    const lease = await reader.leaseOf(id);
    if (lease !== undefined) leases.set(id, lease);
  }
  return { runOf: (request) => byN.get(callOf(request).n), leases };
}

/** SIGKILLs one worker, preferably one waiting for an answer (so that a request is lost), and starts another. */
async function killOne(atRequest: number): Promise<Kill> {
  const { runOf, leases } = await runningRuns();
  const ownerOf = (request: ReceivedRequest) => leases.get(runOf(request) ?? '')?.owner;
  const waiting = new Set(server.inFlight().map(ownerOf));
  const names = [...live.keys()];
  const candidates = names.filter((name) => waiting.has(name));
  const pool = candidates.length > 0 ? candidates : names;
  const victim = pool[Math.floor(killRandom() * pool.length)] ?? '';
  const worker = live.get(victim);
  if (worker === undefined) throw new Error(`no live worker ${victim}`);
  const heldRuns = [...leases].filter(([, lease]) => lease.owner === victim).map(([runId]) => runId);
  // In one synchronous step with the kill: no answer can reach it in between.
  const lost = server.inFlight().filter((request) => ownerOf(request) === victim);
  const killedAt = Date.now();
  worker.process.kill('SIGKILL');
  live.delete(victim);
  expect(await worker.exited).toBeNull();
  startNamedWorker();
  const held: Kill['held'] = [];
  for (const runId of heldRuns) {
    const run = await reader.getRun(runId);
    const lease = leases.get(runId);
    if (run?.status !== 'running' || lease === undefined) continue;
    held.push({ runId, lease, lastSeq: (await reader.lastSeq(runId)) ?? 0 });
  }
  return { victim, atRequest, killedAt, held, lost };
}

/** Records the runs with `run --detach`, a few CLI processes at a time, into `ids` (by input n). */
async function recordRuns(ids: string[]): Promise<void> {
  for (let n = 0; n < RUNS; n += 5) {
    const batch = Array.from({ length: Math.min(5, RUNS - n) }, (_, i) =>
      runCli(['run', file, '--input', JSON.stringify({ n: n + i }), '--detach', '--store', store], {
        cwd: ws.dir,
        env: { SWITCHYARD_STORE: undefined },
      }),
    );
    for (const result of await Promise.all(batch)) {
      expect(result.code, result.stderr).toBe(0);
      ids.push(result.stdout.trim());
    }
  }
}

/**
 * Starts the workers, records the runs while they drain them, SIGKILLs one at each kill point
 * (a number of requests received), and waits until every run ended and the rest drained on SIGTERM.
 */
async function drainWithKills(plan: readonly number[]): Promise<{ runIds: string[]; kills: Kill[] }> {
  for (let i = 0; i < WORKERS; i++) startNamedWorker();
  await Promise.all([...live.values()].map(untilReady));
  const runIds: string[] = [];
  const kills: Kill[] = [];
  const killing = async () => {
    for (const atRequest of plan) {
      await until(() => server.requests.length >= atRequest, `request ${atRequest}`, 60_000);
      kills.push(await killOne(atRequest));
    }
  };
  await Promise.all([recordRuns(runIds), killing()]);
  await until(async () => (await reader.listRuns({ status: 'running' })).length === 0, 'every run to end', 60_000);
  for (const worker of live.values()) worker.process.kill('SIGTERM');
  for (const worker of live.values()) expect(await worker.exited).toBe(0);
  return { runIds, kills };
}

function expectRunIntact(n: number, events: readonly HistoryEvent[]): void {
  expectGapless(events);
  const nodesOf = (type: string) =>
    events
      .filter((e) => e.type === type)
      .map((e) => e.node ?? '')
      .sort();
  expect(nodesOf('node.completed'), `run ${n}: nodes completed`).toEqual([...COMPLETED].sort());
  expect(nodesOf('node.entered'), `run ${n}: nodes entered`).toEqual([...ENTERED].sort());
  expect(nodesOf('timer.fired'), `run ${n}: timers fired`).toEqual(['nap']);
  expect(
    events.filter((e) => e.type === 'run.completed'),
    `run ${n}: run.completed`,
  ).toHaveLength(1);
}

/**
 * Every request, the first or one sent again, carried `RUNID:NODEID:1` of the run and node its
 * path names, attempt 1; whatever a killed worker waited for was asked for again. Returns how many
 * requests were sent again.
 */
function expectRequestsSentAgainAlike(runIds: readonly string[], kills: readonly Kill[]): number {
  const { requests } = server;
  expect(requests.map((r) => [r.path, r.idempotencyKey, r.attempt])).toEqual(
    requests.map((r) => [r.path, `${runIds[callOf(r).n]}:${callOf(r).node}:1`, '1']),
  );
  const paths = new Set(requests.map((r) => r.path));
  expect(paths.size).toBe(RUNS * CALLS.length);
  for (const kill of kills) {
    for (const lost of kill.lost) {
      const again = requests.some((r) => r.index > lost.index && r.path === lost.path);
      expect(again, `${lost.path}, lost with ${kill.victim}, was sent again`).toBe(true);
    }
  }
  return requests.length - paths.size;
}

/** The runs a killed worker held moved on only once their leases expired; returns kill-to-progress times. */
async function expectTakeoversAfterLeases(kills: readonly Kill[]): Promise<number[]> {
  const takeoverMs: number[] = [];
  for (const kill of kills) {
    for (const { runId, lease, lastSeq } of kill.held) {
      const [next] = await reader.events(runId, lastSeq + 1, lastSeq + 1);
      expect(next, `run ${runId} moved on after ${kill.victim} was killed`).toBeDefined();
      const at = Date.parse(next?.at ?? '');
      expect(
        at,
        `run ${runId}: seq ${lastSeq + 1} at ${next?.at}, lease until ${lease.expiresAt}`,
      ).toBeGreaterThanOrEqual(Date.parse(lease.expiresAt));
      takeoverMs.push(at - kill.killedAt);
    }
  }
  return takeoverMs;
}

describe.skipIf(!postgres.available)('failover of switchyard workers on PostgreSQL', () => {
  beforeAll(async () => {
    // Slow answers (200–400 ms) keep requests in flight when a worker is killed.
    server = await startRecordingServer(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(answerRandom() * 200)));
      return { value: request.path };
    });
    store = await postgres.freshStoreUrl();
    reader = await PostgresRunStore.open(store);
    file = writeFlow(ws.dir, 'failover', failoverFlow(server.base));
  });

  afterAll(async () => {
    killWorkers();
    await reader?.close();
    await server?.close();
    ws.cleanup();
  });

  it(
    `finishes every run correctly while workers are SIGKILLed (FAILOVER_SEED=${SEED})`,
    { timeout: 120_000 },
    async () => {
      const plan = killPlan();
      console.log(`FAILOVER_SEED=${SEED}: ${RUNS} runs, ${WORKERS} workers, SIGKILL at requests ${plan.join(', ')}`);
      const { runIds, kills } = await drainWithKills(plan);

      for (const [n, runId] of runIds.entries()) {
        expect(await reader.getRun(runId), `run ${n}`).toMatchObject({
          status: 'completed',
          output: expectedOutput(n),
        });
        expectRunIntact(n, await reader.events(runId));
      }
      const outcomes = everyWorker.flatMap((worker) => worker.lines);
      expect(outcomes.filter((o) => o.status !== 'completed')).toEqual([]);
      expect(new Set(outcomes.map((o) => o.runId)).size).toBe(outcomes.length);
      const resent = expectRequestsSentAgainAlike(runIds, kills);
      const takeoverMs = await expectTakeoversAfterLeases(kills);

      console.log(
        `FAILOVER_SEED=${SEED}: killed ${kills.map((k) => `${k.victim} at request ${k.atRequest} (${k.held.length} runs, ${k.lost.length} requests lost)`).join(', ')}; ` +
          `${resent} requests sent again; runs moved on ${Math.min(...takeoverMs)}–${Math.max(...takeoverMs)} ms after a kill (lease ${LEASE_MS} ms)`,
      );
      // The kills hit work in progress; otherwise this test would prove nothing.
      expect(takeoverMs.length).toBeGreaterThan(0);
      expect(kills.some((kill) => kill.lost.length > 0)).toBe(true);
    },
  );
});
