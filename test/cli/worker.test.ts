/**
 * `run --detach` records runs; `switchyard worker` processes drive them on a shared store:
 * each run once, by one worker at a time, drained on SIGTERM, taken over after a SIGKILL.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chain, flow, makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { expectGapless, killWorkers, startWorker, until } from './worker-process.js';

const ws = makeWorkspace('switchyard-worker-');

afterAll(() => {
  killWorkers();
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

async function history(db: string, runId: string): Promise<EventJson[]> {
  const result = await runCli(['history', runId, '--db', db, '--json'], { cwd: ws.dir });
  return (result.json as EventJson[] | undefined) ?? [];
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
    const worker = startWorker(ws.dir, ['--db', db, '--max-wait', '5000', '--poll-ms', '50']);
    await until(async () => (await history(db, runId)).some((e) => e.node === 'nap'), 'the worker to enter the delay');
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.lines).toEqual([expect.objectContaining({ runId, status: 'completed', output: 'rested' })]);
  });

  it('takes over the run of a worker killed mid-run once its lease expired, without doubling a step', async () => {
    const db = join(ws.dir, 'failover.db');
    const r = await runCli(['run', napping(2000), '--detach', '--db', db], { cwd: ws.dir });
    const runId = r.stdout.trim();
    const named = (name: string) =>
      startWorker(ws.dir, ['--db', db, '--name', name, '--lease-ms', '1000', '--max-wait', '5000', '--poll-ms', '50']);
    const first = named('first');
    await until(async () => (await history(db, runId)).some((e) => e.node === 'nap'), 'the first worker to nap');
    first.process.kill('SIGKILL');
    await first.exited;
    const second = named('second');
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
