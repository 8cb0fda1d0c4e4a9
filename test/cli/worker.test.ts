/**
 * `run --detach` records runs; `switchyard worker` processes drive them on a shared store:
 * each run once, by one worker at a time, drained on SIGTERM, taken over after a SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chain, flow, makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';

const BIN = fileURLToPath(new URL('../../bin/switchyard.js', import.meta.url));
const ws = makeWorkspace('switchyard-worker-');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  ws.cleanup();
});

const steps = writeFlow(
  ws.dir,
  'steps',
  flow('steps', {
    nodes: [
      { id: 'start', kind: 'start' },
      { id: 'a', kind: 'transform', config: { output: 'input.n + 1' } },
      { id: 'b', kind: 'log', config: { message: 'n is {{ steps.a.output }}' } },
      { id: 'done', kind: 'end', config: { output: 'steps.a.output' } },
    ],
    edges: chain('start', 'a', 'b', 'done'),
  }),
);

const napping = (ms: number): string =>
  writeFlow(
    ws.dir,
    `nap-${ms}`,
    flow(`nap-${ms}`, {
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'nap', kind: 'delay', config: { ms } },
        { id: 'done', kind: 'end', config: { output: "'rested'" } },
      ],
      edges: chain('start', 'nap', 'done'),
    }),
  );

/** A `switchyard worker` child process; `lines` collects its --json outcome lines. */
function startWorker(
  db: string,
  args: string[],
): { process: ChildProcess; lines: Outcome[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', db, '--json', ...args], {
    cwd: ws.dir,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Outcome[] = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Outcome);
  });
  child.stderr.setEncoding('utf8').on('data', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, exited };
}

async function history(db: string, runId: string): Promise<EventJson[]> {
  const result = await runCli(['history', runId, '--db', db, '--json'], { cwd: ws.dir });
  return (result.json as EventJson[] | undefined) ?? [];
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function expectGapless(events: EventJson[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

describe('switchyard worker', () => {
  it('run --detach only records the run; a worker drives it to its end', async () => {
    const db = join(ws.dir, 'detach.db');
    const detached = await runCli(['run', steps, '--input', '{"n": 1}', '--detach', '--db', db, '--json'], {
      cwd: ws.dir,
    });
    expect(detached.code, detached.stderr).toBe(0);
    const { runId } = detached.json as Outcome;
    expect(detached.json).toMatchObject({ runId, status: 'running', output: null, error: null, waitingOn: [] });
    const text = await runCli(['run', steps, '--input', '{"n": 2}', '--detach', '--db', db], { cwd: ws.dir });
    expect(text.stdout.trim()).toMatch(/^r_\w+$/);
    expect((await history(db, runId)).some((e) => e.type === 'run.completed')).toBe(false);

    const worker = await runCli(['worker', '--until-idle', '--db', db, '--json'], { cwd: ws.dir });
    expect(worker.code, worker.stderr).toBe(0);
    const outcomes = worker.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Outcome);
    expect(outcomes.map((o) => o.status)).toEqual(['completed', 'completed']);
    expect(outcomes.find((o) => o.runId === runId)?.output).toBe(2);
    const events = await history(db, runId);
    expectGapless(events);
    expect(events.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['start', 'a', 'b', 'done']);
  });

  it('two workers on one store drive every run exactly once', async () => {
    const db = join(ws.dir, 'pair.db');
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) {
      const r = await runCli(['run', steps, '--input', JSON.stringify({ n }), '--detach', '--db', db], { cwd: ws.dir });
      ids.push(r.stdout.trim());
    }
    const [one, two] = await Promise.all([
      runCli(['worker', '--until-idle', '--concurrency', '2', '--db', db, '--json'], { cwd: ws.dir }),
      runCli(['worker', '--until-idle', '--concurrency', '2', '--db', db, '--json'], { cwd: ws.dir }),
    ]);
    const driven = [one, two]
      .flatMap((r) => r.stdout.trim().split('\n').filter(Boolean))
      .map((l) => JSON.parse(l) as Outcome);
    expect(driven.map((o) => o.runId).sort()).toEqual([...ids].sort());
    for (const runId of ids) {
      const events = await history(db, runId);
      expectGapless(events);
      expect(events.filter((e) => e.type === 'node.completed' && e.node === 'a')).toHaveLength(1);
    }
  });

  it('drains on SIGTERM: the run it holds finishes before it exits', async () => {
    const db = join(ws.dir, 'drain.db');
    const r = await runCli(['run', napping(1500), '--detach', '--db', db], { cwd: ws.dir });
    const runId = r.stdout.trim();
    const worker = startWorker(db, ['--max-wait', '5000', '--poll-ms', '50']);
    await until(async () => (await history(db, runId)).some((e) => e.node === 'nap'), 'the worker to enter the delay');
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.lines).toEqual([expect.objectContaining({ runId, status: 'completed', output: 'rested' })]);
  });

  it('takes over the run of a worker killed mid-run once its lease expired, without doubling a step', async () => {
    const db = join(ws.dir, 'failover.db');
    const r = await runCli(['run', napping(2000), '--detach', '--db', db], { cwd: ws.dir });
    const runId = r.stdout.trim();
    const first = startWorker(db, ['--name', 'first', '--lease-ms', '1000', '--max-wait', '5000', '--poll-ms', '50']);
    await until(async () => (await history(db, runId)).some((e) => e.node === 'nap'), 'the first worker to nap');
    first.process.kill('SIGKILL');
    await first.exited;
    const second = startWorker(db, ['--name', 'second', '--lease-ms', '1000', '--max-wait', '5000', '--poll-ms', '50']);
    await until(() => second.lines.length > 0, 'the second worker to finish the run');
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.lines).toEqual([expect.objectContaining({ runId, status: 'completed', output: 'rested' })]);
    const events = await history(db, runId);
    expectGapless(events);
    expect(events.filter((e) => e.type === 'node.entered' && e.node === 'nap')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
  });
});
