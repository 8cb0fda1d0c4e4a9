/**
 * Crash recovery, for real (DESIGN §4 durability): `switchyard run` is killed with SIGKILL at
 * a random moment, `switchyard resume` finishes the job, and every run in the store must then
 * have a whole history and the output of an uninterrupted run; http calls are at-least-once,
 * repeated (same Idempotency-Key) only when the kill cut a call off before its outcome was
 * recorded. Reproduce a failure with CRASH_SEED=<printed seed>; CRASH_ITERATIONS sets the count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seededRandom } from '#engine';
import { makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from '../cli/cli-harness.js';
import { crashFlows, httpNodes } from './crash-flows.js';
import { eventCensus, historyProblems } from './history-invariants.js';
import { idempotencyProblems, type CallingRun } from './idempotency-invariants.js';
import { startKeyServer, type KeyServer } from './key-server.js';

const Env = z.object({
  CRASH_ITERATIONS: z.coerce.number().int().positive().default(24),
  CRASH_SEED: z.coerce.number().int().nonnegative().optional(),
  /** Where the 300 ms kill window starts (default: the CLI's measured start-up time, less 30 ms). */
  CRASH_KILL_OFFSET_MS: z.coerce.number().int().nonnegative().optional(),
});
const env = Env.parse(process.env);
const SEED = env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31);
const KILL_WINDOW_MS = 300;
const MAX_RESUMES = 4;

interface RunJson {
  id: string;
  workflowId: string;
  status: string;
  output?: unknown;
}

interface Reference {
  output: unknown;
  census: string[];
}

const ws = makeWorkspace('switchyard-crash-');
let server: KeyServer;
let flows: Record<string, Record<string, unknown>>;
const references = new Map<string, Reference>();
let killOffsetMs = 0;
const tally = { noRun: 0, emptyRun: 0, finishedBeforeKill: 0, resumedMidRun: 0, repeatedKeys: 0 };

const cli = (db: string, ...args: string[]) => runCli([...args, '--db', db], { cwd: ws.dir });

// Draws made up front, so that the seed alone fixes which flow each iteration runs and where in
// the window it is killed.
const random = seededRandom(String(SEED));
const plan = Array.from({ length: env.CRASH_ITERATIONS }, (_, i) => ({
  iteration: i + 1,
  flow: ['fanout', 'sequence', 'branches'][Math.floor(random() * 3)] ?? 'fanout',
  killFraction: random(),
}));

beforeAll(async () => {
  server = await startKeyServer(30);
  flows = crashFlows(server.base);
  const startups: number[] = [];
  for (const [name, doc] of Object.entries(flows)) {
    const file = writeFlow(ws.dir, name, doc);
    const spawnedAt = Date.now();
    const r = await cli('reference.db', 'run', file, '--input', '{"n":4}', '--json');
    expect(r.json, `reference run of ${name}: ${r.stderr}`).toMatchObject({ status: 'completed' });
    const { runId, output } = r.json as Outcome;
    const events = (await cli('reference.db', 'history', runId, '--json')).json as EventJson[];
    expect(historyProblems(events), `reference run of ${name}`).toEqual([]);
    references.set(name, { output, census: eventCensus(events) });
    startups.push(Date.parse(events[0]?.at ?? '') - spawnedAt);
  }
  const median = [...startups].sort((a, b) => a - b)[Math.floor(startups.length / 2)] ?? 0;
  killOffsetMs = env.CRASH_KILL_OFFSET_MS ?? Math.max(0, median - 30);
  console.log(
    `crash test: seed ${SEED}, ${env.CRASH_ITERATIONS} iterations, kills at ${killOffsetMs}..${killOffsetMs + KILL_WINDOW_MS} ms ` +
      `after spawn (reproduce: CRASH_SEED=${SEED} CRASH_ITERATIONS=${env.CRASH_ITERATIONS} CRASH_KILL_OFFSET_MS=${killOffsetMs})`,
  );
});

afterAll(async () => {
  console.log(`crash test (seed ${SEED}) outcomes: ${JSON.stringify(tally)}`);
  await server.close();
  ws.cleanup();
});

/** Resumes until nothing is left running or waiting (runs with no events aside), at most MAX_RESUMES times. */
async function resumeAll(db: string, where: string): Promise<number> {
  for (let i = 1; i <= MAX_RESUMES; i++) {
    const r = await cli(db, 'resume', '--json');
    expect(r.code, `${where}: resume #${i}: ${r.stderr}`).toBe(0);
    const outcomes = r.json as Outcome[];
    if (outcomes.every((o) => o.status === 'completed' || o.status === 'failed' || o.status === 'cancelled')) return i;
  }
  return MAX_RESUMES;
}

describe(`kill -9 during a run, then resume (seed ${SEED})`, () => {
  it.each(plan)('iteration $iteration: $flow', async ({ iteration, flow, killFraction }) => {
    const where = `seed ${SEED}, iteration ${iteration} (${flow})`;
    const db = `crash-${iteration}.db`;
    const file = `${flow}.flow.json`;
    const reference = references.get(flow);
    const doc = flows[flow];
    if (!reference || !doc) throw new Error(`${where}: no reference run`);
    server.received.length = 0;

    const killAfterMs = killOffsetMs + Math.floor(killFraction * KILL_WINDOW_MS);
    // runCli sends SIGKILL once timeoutMs has passed.
    const crashed = await runCli(['run', file, '--input', '{"n":4}', '--json', '--db', db], {
      cwd: ws.dir,
      timeoutMs: killAfterMs,
    });
    const exitedAt = Date.now();
    if (crashed.code === null) {
      // Killed. Nothing the dead process wrote can be later than this.
    } else {
      expect(crashed.code, `${where}: the run finished before the kill: ${crashed.stderr}`).toBe(0);
      expect((crashed.json as Outcome).output, where).toEqual(reference.output);
      tally.finishedBeforeKill += 1;
    }

    const before = crashed.code === null ? ((await cli(db, 'runs', '--json')).json as RunJson[] | undefined) : [];
    await resumeAll(db, where);
    const runs = ((await cli(db, 'runs', '--json')).json as RunJson[] | undefined) ?? [];
    if (runs.length === 0) tally.noRun += 1;
    expect(runs.length, `${where}: one spawned run, at most one run in the store`).toBeLessThanOrEqual(1);
    if (before?.some((r) => r.status === 'running')) tally.resumedMidRun += 1;

    const calling: CallingRun[] = [];
    for (const run of runs) {
      const events = ((await cli(db, 'history', run.id, '--json')).json as EventJson[] | undefined) ?? [];
      if (events.length === 0) {
        // Killed between recording the run and committing run.started: nothing ran.
        expect(run.status, `${where}: run ${run.id} has no events`).toBe('running');
        tally.emptyRun += 1;
        continue;
      }
      expect(historyProblems(events), `${where}: history of run ${run.id}`).toEqual([]);
      expect(run.status, `${where}: run ${run.id}`).toBe('completed');
      expect(run.output, `${where}: output of run ${run.id}`).toEqual(reference.output);
      expect(events.at(-1)?.data?.['output'], `${where}: run.completed of ${run.id}`).toEqual(reference.output);
      expect(eventCensus(events), `${where}: events of run ${run.id} vs an uninterrupted run`).toEqual(
        reference.census,
      );

      calling.push({ runId: run.id, events, httpNodes: httpNodes(doc) });
    }
    const kills = crashed.code === null ? [exitedAt] : [];
    expect(idempotencyProblems(server.received, calling, kills), `${where}: http calls`).toEqual([]);
    tally.repeatedKeys += server.received.length - new Set(server.received.map((r) => r.key)).size;
  });
});
