/**
 * Chaos under `switchyard serve` (DESIGN §4 durability, §6 "the store keeps every event it
 * acknowledged"): CHAOS_RUNS runs (default 200) of flows with delays, retries and http calls
 * against a local key server are started over the HTTP API while the server is killed with
 * SIGKILL at CHAOS_KILLS seeded moments (default 3–5) and restarted on the same SQLite file,
 * which resumes what was cut off. In the end every acknowledged run (a 2xx answer to startRun)
 * has completed with the output of an uninterrupted run, every history is whole, every event a
 * server streamed (it streams only what it committed) is in the final history unchanged, and an
 * http call was repeated only with its Idempotency-Key, after a kill cut it off.
 * Reproduce with CHAOS_SEED=<printed seed>.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seededRandom } from '#engine';
import type { HistoryEvent, RunRecord } from '#shared';
import { makeWorkspace, writeFlow, type Outcome } from '../cli/cli-harness.js';
import { killCliProcesses } from '../cli/cli-process.js';
import { startServe, type ServeProcess } from '../cli/serve-process.js';
import { openEventStream } from '../http/event-stream.js';
import { AcknowledgedEvents } from './acknowledged-events.js';
import { crashFlows, httpNodes } from './crash-flows.js';
import { eventCensus, historyProblems } from './history-invariants.js';
import { idempotencyProblems, type CallingRun } from './idempotency-invariants.js';
import { startKeyServer, type KeyServer } from './key-server.js';

const Env = z.object({
  CHAOS_SEED: z.coerce.number().int().nonnegative().optional(),
  CHAOS_RUNS: z.coerce.number().int().positive().default(200),
  CHAOS_KILLS: z.coerce.number().int().positive().optional(),
});
const env = Env.parse(process.env);
const SEED = env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31);
const FLOWS = ['fanout', 'sequence', 'branches'] as const;
const INPUTS = [1, 2, 3, 4];
/** A server lives this long (ms after it listens) before its kill: long enough for runs to be mid-flight. */
const LIFETIME_MS = { min: 150, max: 1200 };
const SETTLE_TIMEOUT_MS = 60_000;
const DB = 'chaos.db';

const random = seededRandom(`serve-chaos:${SEED}`);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] ?? (items[0] as T);
const killCount = env.CHAOS_KILLS ?? 3 + Math.floor(random() * 3);
const lifetimes = Array.from({ length: killCount }, () =>
  Math.round(LIFETIME_MS.min + random() * (LIFETIME_MS.max - LIFETIME_MS.min)),
);

interface Start {
  index: number;
  flow: (typeof FLOWS)[number];
  n: number;
  /** The server life (0-based, never the last) in which it is sent, and when: a fraction of that life. */
  life: number;
  at: number;
}
// Every start is sent to a server that will be killed, some just before the kill.
const starts: Start[] = Array.from({ length: env.CHAOS_RUNS }, (_, index) => ({
  index,
  flow: pick(FLOWS),
  n: pick(INPUTS),
  life: Math.floor(random() * killCount),
  at: random(),
}));

const ws = makeWorkspace('switchyard-chaos-');
const serveArgs = (db: string) => ['--db', db, '--workspace', ws.dir];
let keys: KeyServer;
let flows: Record<string, Record<string, unknown>>;
const references = new Map<string, { output: unknown; census: string[] }>();
const referenceKey = (workflowId: string, n: unknown) => `${workflowId}:${JSON.stringify(n)}`;
const tally = { acknowledged: 0, cutOff: 0, events: 0, resumed: 0, emptyRuns: 0, repeatedCalls: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  keys = await startKeyServer(30);
  flows = crashFlows(keys.base);
  for (const [name, doc] of Object.entries(flows)) writeFlow(ws.dir, name, doc);
  const reference = await startServe(ws.dir, serveArgs('reference.db'));
  try {
    await Promise.all(
      FLOWS.flatMap((flow) =>
        INPUTS.map(async (n) => {
          const outcome = await reference.api<Outcome>('startRun', { file: `${flow}.flow.json`, input: { n } });
          expect(outcome, `reference run of ${flow} with n=${n}`).toMatchObject({ status: 'completed' });
          const events = await reference.api<HistoryEvent[]>('getHistory', { runId: outcome.runId });
          expect(historyProblems(events), `reference run of ${flow} with n=${n}`).toEqual([]);
          references.set(referenceKey(flow, n), { output: outcome.output, census: eventCensus(events) });
        }),
      ),
    );
  } finally {
    reference.process.kill('SIGTERM');
    await reference.exited;
  }
  keys.received.length = 0;
  console.log(
    `serve chaos: seed ${SEED}, ${env.CHAOS_RUNS} runs, kills ${lifetimes.join(', ')} ms after listening ` +
      `(reproduce: CHAOS_SEED=${SEED} CHAOS_RUNS=${env.CHAOS_RUNS} CHAOS_KILLS=${killCount})`,
  );
});

afterAll(async () => {
  tally.acknowledged = acknowledged.size;
  tally.events = ackedEvents.size;
  tally.repeatedCalls = keys.received.length - new Set(keys.received.map((r) => r.key)).size;
  console.log(`serve chaos (seed ${SEED}): ${JSON.stringify(tally)}`);
  killCliProcesses();
  await keys.close();
  ws.cleanup();
});

/** The acknowledged runs: id → what was started. */
const acknowledged = new Map<string, Start>();
const ackedEvents = new AcknowledgedEvents();
/** When each kill was done (ms since epoch, after the process was gone). */
const kills: number[] = [];
/** Answers that were neither a 2xx nor a connection cut by a kill: each one is a bug. */
const refusals: string[] = [];
/** Warnings and errors the servers logged (a failed resume, a run stopped in the background). */
const serverComplaints: string[] = [];

/**
 * Sends the starts of one server life, each at its moment before the kill, then kills the server
 * (`lifetimeMs` undefined: the last life, never killed, with nothing left to start).
 */
async function live(serve: ServeProcess, due: readonly Start[], lifetimeMs: number | undefined): Promise<void> {
  let killed = false;
  const sends = due.map(async (start) => {
    if (lifetimeMs !== undefined) await sleep(start.at * lifetimeMs);
    try {
      const outcome = await serve.api<Outcome>('startRun', {
        file: `${start.flow}.flow.json`,
        input: { n: start.n },
        detach: true,
      });
      acknowledged.set(outcome.runId, start);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // An error envelope is an answer; a failed fetch is the kill cutting the request off.
      if (killed && !message.startsWith('startRun:')) tally.cutOff += 1;
      else refusals.push(`start #${start.index}: ${message}`);
    }
  });
  if (lifetimeMs !== undefined) {
    await sleep(lifetimeMs);
    killed = true;
    serve.process.kill('SIGKILL');
    await serve.exited;
    kills.push(Date.now());
    serverComplaints.push(...complaints(serve));
  }
  await Promise.all(sends);
}

/** What a restart expects to log: the dead server's leases are broken. */
const LEASE_BROKEN = /^\[warn\] run \S+: breaking the lease of \S+, whose process is gone$/;

function complaints(serve: ServeProcess): string[] {
  return serve
    .stderr()
    .split('\n')
    .filter((line) => /^\[(warn|error)\]/.test(line) && !LEASE_BROKEN.test(line));
}

/** Waits until every run that has events has ended; the runs, newest first. */
async function settled(serve: ServeProcess): Promise<RunRecord[]> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const runs = await serve.api<RunRecord[]>('listRuns', {});
    const open = runs.filter((run) => run.status === 'running' || run.status === 'waiting');
    const busy: string[] = [];
    for (const run of open) {
      const { lastSeq } = await serve.api<{ lastSeq: number }>('getRun', { runId: run.id });
      // A run killed between its row and its first commit stays empty: nobody was told of it.
      if (lastSeq > 0 || acknowledged.has(run.id)) busy.push(run.id);
    }
    if (busy.length === 0) return runs;
    if (Date.now() > deadline) throw new Error(`seed ${SEED}: runs still unfinished: ${busy.join(', ')}`);
    await sleep(200);
  }
}

describe(`serve killed with SIGKILL under load, restarted on its store (seed ${SEED})`, () => {
  it('finishes every acknowledged run as an uninterrupted run would, losing no acknowledged event', async () => {
    let serve: ServeProcess | undefined;
    for (let life = 0; life <= killCount; life++) {
      serve = await startServe(ws.dir, serveArgs(DB));
      const stream = await openEventStream(`${serve.url}/api/events`);
      await live(
        serve,
        starts.filter((start) => start.life === life),
        lifetimes[life],
      );
      if (life < killCount) {
        ackedEvents.add(stream.messages);
        stream.close();
        continue;
      }
      const runs = await settled(serve);
      ackedEvents.add(stream.messages);
      stream.close();
      await check(serve, runs);
    }
    serve?.process.kill('SIGTERM');
    expect(await serve?.exited, 'the last server stops cleanly').toBe(0);
  });
});

async function check(serve: ServeProcess, runs: readonly RunRecord[]): Promise<void> {
  const where = `seed ${SEED}`;
  expect(refusals, `${where}: answers other than a run or a cut connection`).toEqual([]);
  expect([...serverComplaints, ...complaints(serve)], `${where}: what the servers logged`).toEqual([]);
  const inStore = new Map(runs.map((run) => [run.id, run]));
  const missing = [...acknowledged.keys()].filter((runId) => !inStore.has(runId));
  expect(missing, `${where}: acknowledged runs missing from the store`).toEqual([]);
  expect(
    ackedEvents.runIds().filter((runId) => !inStore.has(runId)),
    `${where}: runs with acknowledged events missing from the store`,
  ).toEqual([]);

  const calling: CallingRun[] = [];
  const problems: string[] = [];
  for (const run of runs) {
    const events = await serve.api<HistoryEvent[]>('getHistory', { runId: run.id });
    if (events.length === 0) {
      expect(acknowledged.has(run.id), `${where}: acknowledged run ${run.id} has no events`).toBe(false);
      expect(run.status, `${where}: run ${run.id} has no events`).toBe('running');
      tally.emptyRuns += 1;
      continue;
    }
    const n = (run.input as { n?: unknown } | undefined)?.n;
    const reference = references.get(referenceKey(run.workflowId, n));
    const doc = flows[run.workflowId];
    if (reference === undefined || doc === undefined) throw new Error(`${where}: run ${run.id} ran an unknown flow`);
    const started = acknowledged.get(run.id);
    if (started !== undefined)
      expect({ flow: run.workflowId, n }, `${where}: run ${run.id}`).toEqual({ flow: started.flow, n: started.n });
    for (const problem of historyProblems(events)) problems.push(`run ${run.id}: ${problem}`);
    problems.push(...ackedEvents.problems(run.id, events));
    if (run.status !== 'completed') problems.push(`run ${run.id} ended ${run.status}: ${JSON.stringify(run.error)}`);
    else if (!isDeepStrictEqual(run.output, reference.output))
      problems.push(`run ${run.id}: output ${JSON.stringify(run.output)}, not ${JSON.stringify(reference.output)}`);
    if (!isDeepStrictEqual(eventCensus(events), reference.census))
      problems.push(`run ${run.id}: its events differ from those of an uninterrupted run`);
    calling.push({ runId: run.id, events, httpNodes: httpNodes(doc) });
    if (cutMidRun(events)) tally.resumed += 1;
  }
  expect(problems, `${where}: runs`).toEqual([]);
  expect(idempotencyProblems(keys.received, calling, kills), `${where}: http calls`).toEqual([]);
  expect(acknowledged.size, `${where}: some runs were acknowledged`).toBeGreaterThan(0);
}

/** Whether a kill fell between the run's first and last event: it was cut off mid-run and resumed. */
function cutMidRun(events: readonly HistoryEvent[]): boolean {
  const first = Date.parse(events[0]?.at ?? '');
  const last = Date.parse(events.at(-1)?.at ?? '');
  return kills.some((at) => first < at && at < last);
}
