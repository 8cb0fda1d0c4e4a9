import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workflow } from '#shared';
import { SqliteRunStore } from '#storage';
import { runServe, serveCommand } from '../../src/cli/commands/serve.js';
import { Output } from '../../src/cli/output.js';
import { linearFlow } from './flows.js';
import { eventually } from './event-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function captureIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env }, out, err };
}

/** A run cut off right after it started, as a crash would leave it. */
async function interruptedRun(dbPath: string): Promise<string> {
  const store = SqliteRunStore.open(dbPath);
  const at = new Date().toISOString();
  const input = { n: 4 };
  await store.createRun(
    { id: 'r_interrupted', workflowId: 'linear', version: 1, status: 'running', input, startedAt: at },
    Workflow.parse(linearFlow),
  );
  await store.append('r_interrupted', [
    { seq: 1, at, type: 'run.started', data: { input, workflowId: 'linear', version: 1 } },
    { seq: 2, at, type: 'node.entered', node: 'start', data: { kind: 'start' } },
  ]);
  store.close();
  return 'r_interrupted';
}

describe('runServe', () => {
  it('serves the workspace, resumes interrupted runs, and stops cleanly', async () => {
    const db = join(dir, 'serve.db');
    const runId = await interruptedRun(db);
    const { io, out } = captureIo({ SWITCHYARD_WORKSPACE: dir });
    const stop = new AbortController();
    const served = runServe({ store: { kind: 'sqlite', path: db }, port: 0 }, io, stop.signal);
    const url = await eventually(async () => /at (http:\/\/\S+)/.exec(out.join(''))?.[1]);
    expect(out.join('')).toBe(`Switchyard serving ${dir} at ${url}\n`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ data: { ok: true } });
    const run = await eventually(async () => {
      const res = await fetch(`${url}/api/getRun`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ runId }),
      });
      const body = (await res.json()) as { data: { run: { status: string; output: unknown } } };
      return body.data.run.status === 'running' ? undefined : body.data.run;
    });
    expect(run).toMatchObject({ status: 'completed', output: { result: 8, n: 4 } });

    stop.abort();
    expect(await served).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it('shows its run store to the UI, and refuses to switch it', async () => {
    const db = join(dir, 'shown.db');
    const { io, out } = captureIo({ SWITCHYARD_WORKSPACE: dir });
    const stop = new AbortController();
    const served = runServe(
      { store: { kind: 'sqlite', path: db }, storeSource: 'command line', port: 0 },
      io,
      stop.signal,
    );
    const url = await eventually(async () => /at (http:\/\/\S+)/.exec(out.join(''))?.[1]);
    const call = async (method: string, params: unknown) => {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
      return { status: res.status, body: await res.json() };
    };
    expect(await call('getStore', {})).toEqual({
      status: 200,
      body: {
        data: {
          kind: 'sqlite',
          location: db,
          source: 'command line',
          switchable: false,
          reason: expect.stringContaining('--store'),
        },
      },
    });
    expect(await call('connectStore', { url: 'postgres://ana@db/flows' })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_USAGE', message: expect.stringContaining('cannot switch its run store') } },
    });
    stop.abort();
    expect(await served).toBe(0);
  });

  it('refuses a non-loopback host without a token, and a missing workspace', async () => {
    const { io } = captureIo();
    await expect(
      runServe({ store: { kind: 'sqlite', path: join(dir, 'x.db') }, port: 0, host: '0.0.0.0', workspace: dir }, io),
    ).rejects.toThrow(/without a token/);
    await expect(
      runServe({ store: { kind: 'sqlite', path: join(dir, 'x.db') }, port: 0, workspace: join(dir, 'missing') }, io),
    ).rejects.toThrow(/workspace folder .* does not exist/);
    // Refused before the store is opened: no run store file appears (found by the CLI fuzz suite).
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('checks its command-line options before starting', async () => {
    const { io } = captureIo();
    const ctx = {
      globals: {
        store: {
          location: { kind: 'sqlite' as const, path: join(dir, 'x.db') },
          words: [],
          source: 'command line' as const,
        },
        json: false,
        debug: false,
        help: false,
      },
      io,
      out: new Output(io, false),
    };
    const start = (port: string) =>
      Promise.resolve().then(() => serveCommand.execute(ctx, { positionals: [], values: { port } }));
    await expect(start('99999')).rejects.toThrow(/port/);
    await expect(start('http')).rejects.toThrow(/port/);
  });
});
