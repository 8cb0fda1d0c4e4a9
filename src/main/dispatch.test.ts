import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEventsMessage } from '#shared';
import type { BackendSession } from '#backend';
import { startDesktopBackend } from './backend-host.js';
import { dispatch } from './dispatch.js';
import { ensureWorkspace } from './workspace-seed.js';

// The IPC handler's logic against the real backend: SQLite file, workspace folder, engine.
const dir = mkdtempSync(join(tmpdir(), 'switchyard-dispatch-'));
const examples = join(import.meta.dirname, '..', '..', 'assets', 'examples');
let desktop: BackendSession;

beforeAll(async () => {
  ensureWorkspace(join(dir, 'workspace'), examples);
  desktop = await startDesktopBackend({
    dbPath: join(dir, 'switchyard.db'),
    storeSettingPath: join(dir, 'store.json'),
    workspaceDir: join(dir, 'workspace'),
    env: {},
  });
});

afterAll(async () => {
  await desktop.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatch', () => {
  it('answers a valid call with { data }', async () => {
    const answer = await dispatch(desktop.backend, 'listWorkflows', {});
    expect(answer).toEqual({
      data: expect.arrayContaining([expect.objectContaining({ file: 'order-approval.flow.json' })]),
    });
  });

  it('treats missing params as {}', async () => {
    expect(await dispatch(desktop.backend, 'listWorkflows', undefined)).toHaveProperty('data');
  });

  it.each(['readFile', '__proto__', 'constructor', 'toString', 42, null])(
    'refuses the unknown method %j',
    async (method) => {
      expect(await dispatch(desktop.backend, method, {})).toEqual({
        error: { code: 'NOT_FOUND', message: expect.stringContaining('unknown method') },
      });
    },
  );

  it.each([
    ['a bad value', 'listRuns', { limit: -1 }, 'listRuns: limit: '],
    ['an unknown field', 'listRuns', { bogus: true }, 'listRuns: unknown field "bogus"'],
    ['a path outside the workspace', 'openWorkflow', { file: '../../etc/passwd.flow.json' }, 'openWorkflow: file: '],
    ['params that are not an object', 'getRun', 'r_1', 'getRun: params: '],
  ])('refuses %s with BAD_USAGE naming the field', async (_name, method, params, message) => {
    expect(await dispatch(desktop.backend, method, params)).toEqual({
      error: { code: 'BAD_USAGE', message: expect.stringContaining(message) },
    });
  });

  it('refuses params larger than an IPC message may be, naming the limit', async () => {
    const workflow = { format: 'switchyard/workflow@1', id: 'big', description: 'x'.repeat(6 * 1024 * 1024) };
    expect(await dispatch(desktop.backend, 'validateWorkflow', { workflow })).toEqual({
      error: { code: 'LIMIT_EXCEEDED', message: 'validateWorkflow: params are larger than 5 MiB (limit messageBytes)' },
    });
  });

  it('keeps the code of backend errors', async () => {
    expect(await dispatch(desktop.backend, 'getRun', { runId: 'r_missing' })).toEqual({
      error: { code: 'RUN_NOT_FOUND', message: expect.stringContaining('r_missing') },
    });
  });

  it('tells the observer about successful calls only', async () => {
    const seen: string[] = [];
    const observe = (method: string): void => void seen.push(method);
    await dispatch(desktop.backend, 'openWorkflow', { file: 'order-approval.flow.json' }, observe);
    await dispatch(desktop.backend, 'openWorkflow', { file: 'missing.flow.json' }, observe);
    expect(seen).toEqual(['openWorkflow']);
  });

  it('starts a run whose events reach subscribers (what the IPC bridge forwards)', async () => {
    const messages: RunEventsMessage[] = [];
    const unsubscribe = desktop.backend.subscribe((message) => messages.push(message));
    const answer = await dispatch(desktop.backend, 'startRun', {
      file: 'order-approval.flow.json',
      input: { amount: 5000 },
    });
    unsubscribe();
    expect(answer).toMatchObject({ data: { status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }] } });
    const runId = 'data' in answer ? (answer.data as { runId: string }).runId : '';
    const types = messages.filter((m) => m.runId === runId).flatMap((m) => m.events.map((e) => e.type));
    expect(types[0]).toBe('run.started');
    expect(types).toContain('approval.requested');
  });
});
