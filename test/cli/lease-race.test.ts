/**
 * Two processes on one store file (DESIGN §4 durability with leases): `switchyard serve` drives
 * a run through a delay while `switchyard resume` runs on the same file. resume must leave the
 * run to the server, and the run must finish once, with every node executed once and no gap.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, type EventJson } from './cli-harness.js';
import { killCliProcesses } from './cli-process.js';
import { startServe } from './serve-process.js';

const ws = makeWorkspace('switchyard-race-');

afterAll(() => {
  killCliProcesses();
  ws.cleanup();
});

const delayFlow = {
  format: 'switchyard/workflow@1',
  id: 'slow-nap',
  name: 'Slow nap',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'before', kind: 'log', config: { message: 'about to nap' } },
    { id: 'nap', kind: 'delay', config: { ms: 2500 } },
    { id: 'done', kind: 'end', config: { output: "'rested'" } },
  ],
  edges: [
    { from: 'start', to: 'before' },
    { from: 'before', to: 'nap' },
    { from: 'nap', to: 'done' },
  ],
};

describe('serve and resume on one store file', () => {
  it('resume skips the run serve is driving; the run finishes once, driven by serve', async () => {
    const db = join(ws.dir, 'shared.db');
    const server = await startServe(ws.dir, ['--db', db, '--workspace', ws.dir]);
    const started = await server.api<{ runId: string }>('startRun', { workflow: delayFlow, detach: true });
    const runId = started.runId;
    // Wait until the run is inside its delay.
    for (let i = 0; i < 100; i++) {
      const history = await server.api<EventJson[]>('getHistory', { runId });
      if (history.some((e) => e.type === 'node.entered' && e.node === 'nap')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const [text, json] = await Promise.all([
      runCli(['resume', '--db', db], { cwd: ws.dir }),
      runCli(['resume', '--db', db, '--json'], { cwd: ws.dir }),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^skipped ${runId}: driven by \\S+:${server.process.pid}:\\S+ \\(lease until `, 'm'),
    );
    expect(json.json).toEqual([
      {
        runId,
        status: 'skipped',
        drivenBy: expect.stringContaining(`:${server.process.pid}:`),
        leaseUntil: expect.any(String),
      },
    ]);

    let run: { status: string; output?: unknown } | undefined;
    for (let i = 0; i < 200; i++) {
      ({ run } = await server.api<{ run: { status: string; output?: unknown } }>('getRun', { runId }));
      if (run.status !== 'running' && run.status !== 'waiting') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(run).toMatchObject({ status: 'completed', output: 'rested' });
    const history = await server.api<EventJson[]>('getHistory', { runId });
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    const entered = history.filter((e) => e.type === 'node.entered').map((e) => e.node);
    expect(entered).toEqual(['start', 'before', 'nap', 'done']);
    expect(history.filter((e) => e.type === 'run.completed')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
    // Done: nobody holds the run any more, and a later resume has nothing to do.
    const after = await runCli(['resume', '--db', db, '--json'], { cwd: ws.dir });
    expect(after.json).toEqual([]);
  });
});
