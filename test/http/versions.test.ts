import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsWorkspace } from '#backend';
import { runCli } from '../cli/cli-harness.js';
import { flow } from './flows.js';
import { startTestServer, type TestServer } from './http-harness.js';

const invoice = (threshold: number, x = 200) =>
  flow(
    'invoice',
    [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'check', kind: 'condition', config: { when: `input.amount > ${threshold}` }, position: { x, y: 0 } },
      { id: 'big', kind: 'end', config: { output: "'approval'" } },
      { id: 'small', kind: 'end', config: { output: "'auto'" } },
    ],
    [
      { from: 'start', to: 'check' },
      { from: 'check', port: 'true', to: 'big' },
      { from: 'check', port: 'false', to: 'small' },
    ],
  );

let server: TestServer;
const FILE = 'invoice.flow.json';
const save = (workflow: Record<string, unknown>) =>
  server.ok('saveWorkflow', { file: FILE, workflow, bumpVersion: true });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('versions over HTTP', () => {
  it('keeps every saved version; moving nodes keeps the version, a changed design raises it', async () => {
    expect((await save(invoice(1000))).version).toBe(1);
    expect((await save(invoice(1000, 640))).version).toBe(1);
    const raised = await save({ ...invoice(500, 640), version: 1 });
    expect(raised.version).toBe(2);

    const list = await server.ok('listVersions', { workflowId: 'invoice' });
    expect(list).toEqual({
      workflowId: 'invoice',
      file: FILE,
      current: 2,
      versions: [
        { version: 2, savedAt: expect.any(String) },
        { version: 1, savedAt: expect.any(String) },
      ],
    });
    const v1 = await server.ok('getVersion', { workflowId: 'invoice', version: 1 });
    // The layout-only save replaced version 1's copy: the latest positions of that version.
    expect(v1.workflow).toEqual({ ...invoice(1000, 640), version: 1 });

    // Plain files in the workspace: they survive a restart and the CLI reads them as they are.
    const archived = join(server.workspaceDir, '.switchyard', 'versions', 'invoice', '1.flow.json');
    expect(JSON.parse(readFileSync(archived, 'utf8'))).toEqual(v1.workflow);
    expect((await new FsWorkspace(server.workspaceDir).versions.list('invoice')).map((v) => v.version)).toEqual([2, 1]);
    expect((await server.ok('listWorkflows', {})).map((w) => w.file)).toEqual([FILE]);
  });

  it('counts a file written before versions were kept as a saved version', async () => {
    await server.ok('saveWorkflow', { file: 'old.flow.json', workflow: { ...invoice(1), id: 'old', version: 4 } });
    const versionsDir = join(server.workspaceDir, '.switchyard', 'versions', 'old');
    expect(existsSync(join(versionsDir, '4.flow.json'))).toBe(true);
    expect((await server.ok('listVersions', { workflowId: 'old' })).versions.map((v) => v.version)).toEqual([4]);
    expect(await server.ok('listVersions', { workflowId: 'nothing-here' })).toEqual({
      workflowId: 'nothing-here',
      file: null,
      current: null,
      versions: [],
    });
  });

  it('refuses bad parameters and unknown versions with a code', async () => {
    const missing = await server.api('getVersion', { workflowId: 'invoice', version: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: 'NOT_FOUND',
      message: 'version 9 of workflow invoice was never saved here',
    });
    for (const params of [
      { workflowId: '../etc', version: 1 },
      { workflowId: 'invoice', version: 0 },
      { workflowId: 'invoice', version: 1, extra: true },
    ]) {
      const reply = await server.api('getVersion', params);
      expect(reply.status, JSON.stringify(params)).toBe(400);
      expect(reply.body.error?.code).toBe('BAD_USAGE');
    }
    const tooMany = await server.api('replayCheckVersion', { workflowId: 'invoice', version: 1, lastN: 0 });
    expect(tooMany.status).toBe(400);
  });
});

describe('replay check of a version against the last runs', () => {
  it('reports each run clean or where it diverges, newest first, with the version it ran', async () => {
    const high = await server.ok('startRun', { file: FILE, input: { amount: 2000 } });
    const middle = await server.ok('startRun', { file: FILE, input: { amount: 800 } });
    const checked = await server.ok('replayCheckVersion', { workflowId: 'invoice', version: 1, lastN: 10 });
    const history = await server.ok('getHistory', { runId: middle.runId });
    const routed = history.find((e) => e.type === 'node.completed' && e.node === 'check');
    expect(checked).toEqual({
      workflowId: 'invoice',
      version: 1,
      runs: [
        {
          runId: middle.runId,
          status: 'completed',
          startedAt: expect.any(String),
          version: 2,
          verdict: { clean: false, seq: routed?.seq, node: 'check', message: expect.stringContaining('"false"') },
        },
        {
          runId: high.runId,
          status: 'completed',
          startedAt: expect.any(String),
          version: 2,
          verdict: { clean: true, events: expect.any(Number) },
        },
      ],
    });
    const newest = await server.ok('replayCheckVersion', { workflowId: 'invoice', version: 1, lastN: 1 });
    expect(newest.runs.map((r) => r.runId)).toEqual([middle.runId]);
    const current = await server.ok('replayCheckVersion', { workflowId: 'invoice', version: 2, lastN: 10 });
    expect(current.runs.every((r) => r.verdict.clean)).toBe(true);

    // The CLI's replay reads the kept version file as it is, against the same SQLite store.
    const versionFile = join(server.workspaceDir, '.switchyard', 'versions', 'invoice', '1.flow.json');
    const cli = await runCli(['replay', middle.runId, '--against', versionFile, '--db', server.dbPath, '--json'], {
      cwd: server.dir,
    });
    expect(cli.code).toBe(1);
    expect(cli.json).toMatchObject({ clean: false, seq: routed?.seq, node: 'check' });
  });

  it('refuses to check a version that is not a valid workflow', async () => {
    await server.ok('saveWorkflow', { file: 'draft.flow.json', workflow: { ...invoice(1), id: 'draft', nodes: [] } });
    const reply = await server.api('replayCheckVersion', { workflowId: 'draft', version: 1, lastN: 5 });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('INVALID_WORKFLOW');
    expect(reply.body.error?.message).toMatch(/^draft v1 is not a valid workflow/);
  });
});
