/**
 * `switchyard worker` child processes for tests: started with their outcome lines and log
 * collected, killed in whatever way a test needs, and all killed at the end of the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { EventJson, Outcome } from './cli-harness.js';

const BIN = fileURLToPath(new URL('../../bin/switchyard.js', import.meta.url));
const started: ChildProcess[] = [];

export interface WorkerProcess {
  readonly process: ChildProcess;
  /** Its --json outcome lines so far. */
  readonly lines: Outcome[];
  /** Its stderr so far (log lines, the banner). */
  stderr(): string;
  /** Its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `switchyard worker --json ARGS`; `args` names the store (`--db FILE`, `--store URL`).
 * SWITCHYARD_STORE is cleared so that only `args` decide the store.
 */
export function startWorker(cwd: string, args: readonly string[]): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--json', ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', SWITCHYARD_STORE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const lines: Outcome[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    const parts = stdout.split('\n');
    stdout = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Outcome);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, stderr: () => stderr, exited };
}

/** Kills every worker the file started that still runs (afterAll). */
export function killWorkers(): void {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Waits until `check` holds; the limit only guards against a hang. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The worker has connected to its store and looks for runs. */
export function untilReady(worker: WorkerProcess): Promise<void> {
  return until(() => worker.stderr().includes(': driving up to '), 'the worker to start');
}

/** Seqs 1, 2, … n without a gap or a duplicate. */
export function expectGapless(events: readonly Pick<EventJson, 'seq'>[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}
