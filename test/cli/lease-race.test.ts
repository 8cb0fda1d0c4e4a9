/**
 * Several processes on one store file (DESIGN §4 durability with leases): `switchyard serve`
 * drives a run through a delay while `switchyard resume` runs on the same file; resumes race
 * each other; a long script runs under serve while the CLI writes. Every run is driven by one
 * process at a time and finishes once, with every node executed once and no gap.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startKeyServer } from '../crash/key-server.js';
import { makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
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

function linearDoc(id: string, nodes: unknown[]): Record<string, unknown> {
  const edges = nodes.slice(1).map((node, i) => ({
    from: (nodes[i] as { id: string }).id,
    to: (node as { id: string }).id,
  }));
  return { format: 'switchyard/workflow@1', id, name: id, version: 1, nodes, edges };
}

describe('racing drivers', () => {
  it('three resumes racing for one interrupted run drive it once: its HTTP call is sent once', async () => {
    const server = await startKeyServer(300);
    try {
      const file = writeFlow(
        ws.dir,
        'one-call',
        linearDoc('one-call', [
          { id: 'start', kind: 'start' },
          { id: 'call', kind: 'http', config: { method: 'POST', url: `${server.base}/once`, body: '{ "n": 1 }' } },
          { id: 'done', kind: 'end', config: { output: 'steps.call.output.body.path' } },
        ]),
      );
      const db = join(ws.dir, 'racing.db');
      const detached = await runCli(['run', file, '--detach', '--db', db, '--json'], { cwd: ws.dir });
      const { runId } = detached.json as Outcome;
      const resumes = await Promise.all([1, 2, 3].map(() => runCli(['resume', '--db', db, '--json'], { cwd: ws.dir })));
      for (const r of resumes) expect(r.code, r.stderr).toBe(0);
      const drove = resumes.flatMap((r) => r.json as { runId: string; status: string }[]);
      expect(drove.filter((o) => o.status === 'completed')).toEqual([expect.objectContaining({ runId })]);
      expect(server.received.map((r) => r.url)).toEqual(['/once']);
      const history = (await runCli(['history', runId, '--db', db, '--json'], { cwd: ws.dir })).json as EventJson[];
      expect(history.filter((e) => e.type === 'node.entered' && e.node === 'call')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('resume drives interrupted runs side by side, not one after another', async () => {
    const file = writeFlow(
      ws.dir,
      'short-nap',
      linearDoc('short-nap', [
        { id: 'start', kind: 'start' },
        { id: 'nap', kind: 'delay', config: { ms: 600 } },
        { id: 'done', kind: 'end' },
      ]),
    );
    const db = join(ws.dir, 'parallel.db');
    for (let i = 0; i < 6; i++) await runCli(['run', file, '--detach', '--db', db], { cwd: ws.dir });
    const resumed = await runCli(['resume', '--db', db, '--json'], { cwd: ws.dir });
    const outcomes = resumed.json as Outcome[];
    expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill('completed'));
    const naps: { from: number; to: number }[] = [];
    for (const { runId } of outcomes) {
      const history = (await runCli(['history', runId, '--db', db, '--json'], { cwd: ws.dir })).json as EventJson[];
      const at = (type: string) => Date.parse(history.find((e) => e.type === type && e.node === 'nap')?.at ?? '');
      naps.push({ from: at('node.entered'), to: at('node.completed') });
    }
    // Every nap had begun before the first one ended: the runs were in their delays at the same time.
    expect(Math.max(...naps.map((n) => n.from))).toBeLessThan(Math.min(...naps.map((n) => n.to)));
  });

  it('a long script under serve holds no write lock: the CLI runs and approves on the same file meanwhile', async () => {
    const db = join(ws.dir, 'busy.db');
    const server = await startServe(ws.dir, ['--db', db, '--workspace', ws.dir]);
    const busy = linearDoc('busy-script', [
      { id: 'start', kind: 'start' },
      {
        id: 'spin',
        kind: 'script',
        timeoutMs: 10_000,
        config: { code: 'const end = Date.now() + 3000; while (Date.now() < end) {} return "spun";' },
      },
      { id: 'done', kind: 'end', config: { output: 'steps.spin.output' } },
    ]);
    const started = await server.api<{ runId: string }>('startRun', { workflow: busy, detach: true });
    for (let i = 0; i < 100; i++) {
      const history = await server.api<EventJson[]>('getHistory', { runId: started.runId });
      if (history.some((e) => e.type === 'node.entered' && e.node === 'spin')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const approval = writeFlow(ws.dir, 'ok-please', {
      ...linearDoc('ok-please', [
        { id: 'start', kind: 'start' },
        { id: 'ask', kind: 'approval', config: { title: 'ok?' } },
        { id: 'done', kind: 'end' },
      ]),
      edges: [
        { from: 'start', to: 'ask' },
        { from: 'ask', port: 'approved', to: 'done' },
        { from: 'ask', port: 'rejected', to: 'done' },
      ],
    });
    const asked = await runCli(['run', approval, '--db', db, '--json'], { cwd: ws.dir });
    expect(asked.json, asked.stderr).toMatchObject({ status: 'waiting' });
    const { runId } = asked.json as Outcome;
    const approved = await runCli(['approve', runId, 'ask', '--db', db, '--json'], { cwd: ws.dir });
    expect(approved.json, approved.stderr).toMatchObject({ status: 'completed' });
    const { run } = await server.api<{ run: { status: string } }>('getRun', { runId: started.runId });
    // All of that happened while the script was still spinning.
    expect(run.status).toBe('running');
  });
});
