/**
 * `switchyard worker` child processes for tests, with their outcome lines collected.
 */
import { expect } from 'vitest';
import type { EventJson, Outcome } from './cli-harness.js';
import { killCliProcesses, spawnCli, type CliProcess } from './cli-process.js';

export interface WorkerProcess extends CliProcess {
  /** Its --json outcome lines so far. */
  readonly lines: Outcome[];
}

/**
 * Starts `switchyard worker --json ARGS`; `args` names the store (`--db FILE`, `--store URL`).
 * SWITCHYARD_STORE is cleared so that only `args` decide the store.
 */
export function startWorker(cwd: string, args: readonly string[]): WorkerProcess {
  const cli = spawnCli(cwd, ['worker', '--json', ...args]);
  const lines: Outcome[] = [];
  let partial = '';
  cli.process.stdout?.on('data', (d: string) => {
    partial += d;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Outcome);
  });
  return { ...cli, lines };
}

/** Kills every worker (and other switchyard process) the file started that still runs (afterAll). */
export const killWorkers = killCliProcesses;

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
