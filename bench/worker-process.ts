import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { CLI_PATH } from './bench-postgres.js';
import { atExit } from './exit-tasks.js';

/** A `switchyard worker` child process (B9, B10): real processes on a shared PostgreSQL store. */

export interface WorkerSpec {
  storeUrl: string;
  /** Its name in run leases (`--name`). */
  name: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  /** `--until-idle`: exits once nothing is due and nothing is being driven. */
  untilIdle: boolean;
}

/** One `--json` outcome line: the run it drove and how that run ended. */
const Outcome = z.object({ runId: z.string(), status: z.string() });
export type WorkerOutcome = z.infer<typeof Outcome>;

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When it was gone (Date.now()). */
  at: number;
}

export interface WorkerProcess {
  readonly name: string;
  /** Resolves once the worker has opened the store and drives runs; rejects when it exits first. */
  readonly ready: Promise<void>;
  /** Resolves (never rejects) when the process is gone. */
  readonly exited: Promise<WorkerExit>;
  /** The outcome lines it printed so far. */
  readonly outcomes: readonly WorkerOutcome[];
  /** Its stderr and any stdout line that was not an outcome, for error messages. */
  log(): string;
  kill(signal: NodeJS.Signals): void;
}

const READY = /: driving up to \d+ runs at once/;

export function spawnWorker(spec: WorkerSpec): WorkerProcess {
  const args = [
    CLI_PATH,
    'worker',
    '--store',
    spec.storeUrl,
    '--name',
    spec.name,
    '--concurrency',
    String(spec.concurrency),
    '--lease-ms',
    String(spec.leaseMs),
    '--poll-ms',
    String(spec.pollMs),
    '--json',
    ...(spec.untilIdle ? ['--until-idle'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const unregister = atExit(() => child.kill('SIGKILL'));
  const outcomes: WorkerOutcome[] = [];
  let log = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    const parsed = Outcome.safeParse(safeJson(line));
    if (parsed.success) outcomes.push(parsed.data);
    else log += `stdout: ${line}\n`;
  });
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      unregister();
      resolve({ code, signal, at: Date.now() });
    });
    child.once('error', (err) => {
      log += `spawn failed: ${err.message}\n`;
      unregister();
      resolve({ code: null, signal: null, at: Date.now() });
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (READY.test(log)) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`worker ${spec.name} exited (${signal ?? code}) before it was ready:\n${log}`)),
    );
  });
  // Who waits for `ready` handles the rejection; a worker nobody waits for must not crash the bench.
  ready.catch(() => undefined);
  return {
    name: spec.name,
    ready,
    exited,
    outcomes,
    log: () => log,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Waits for every worker to exit by itself; after `timeoutMs` kills the rest and says which hung. */
export async function awaitExits(workers: readonly WorkerProcess[], timeoutMs: number): Promise<WorkerExit[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const all = Promise.all(workers.map((w) => w.exited));
    const first = await Promise.race([all, timeout]);
    if (first !== 'timeout') return first;
    for (const w of workers) w.kill('SIGKILL');
    const names = workers.map((w) => w.name).join(', ');
    throw new Error(`workers ${names} were still running after ${timeoutMs} ms:\n${workers[0]?.log() ?? ''}`);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM (the worker drains and exits), SIGKILL for whatever still runs after `graceMs`. */
export async function stopWorkers(workers: readonly WorkerProcess[], graceMs = 10_000): Promise<void> {
  for (const w of workers) w.kill('SIGTERM');
  await awaitExits(workers, graceMs).catch(() => undefined);
}

/** An error naming every worker that did not exit 0, with its log; undefined when all did. */
export function failedExits(workers: readonly WorkerProcess[], exits: readonly WorkerExit[]): Error | undefined {
  const failed = workers.filter((_, i) => exits[i]?.code !== 0);
  if (failed.length === 0) return undefined;
  const lines = failed.map((w) => {
    const exit = exits[workers.indexOf(w)];
    return `worker ${w.name} exited ${exit?.signal ?? exit?.code}:\n${w.log()}`;
  });
  return new Error(lines.join('\n'));
}
