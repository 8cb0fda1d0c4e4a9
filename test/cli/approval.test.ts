import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type Outcome } from './cli-harness.js';
import { approvalFlow, openApprovalFlow } from './flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli([...args, '--db', 'approvals.db'], {
    cwd: ws.dir,
    env: { SWITCHYARD_USER: undefined, USER: 'tester', ...env },
  });

const file = writeFlow(ws.dir, 'approval', approvalFlow);
const open = writeFlow(ws.dir, 'open', openApprovalFlow);

async function startWaiting(flowFile = file): Promise<string> {
  const r = await cli(['run', flowFile, '--input', '{"amount":1200}', '--json']);
  expect(r.code).toBe(3);
  const outcome = r.json as Outcome;
  expect(outcome.status).toBe('waiting');
  expect(outcome.waitingOn).toEqual([expect.objectContaining({ node: 'boss', kind: 'approval' })]);
  return outcome.runId;
}

const history = async (runId: string) => (await cli(['history', runId, '--json'])).json;

describe('approvals through the CLI', () => {
  it('run waits (exit 3); approve in a new process completes it (exit 0)', async () => {
    const runId = await startWaiting();
    const r = await cli(['approve', runId, 'boss', '--by', 'ana', '--comment', 'fine', '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      runId,
      status: 'completed',
      output: { decision: 'approved', by: 'ana' },
      error: null,
      waitingOn: [],
    });
  });

  it('human output of a waiting run says how to continue it', async () => {
    const r = await cli(['run', file, '--input', '{"amount":5}']);
    expect(r.code).toBe(3);
    const runId = /^run (r_\S+) waiting/.exec(r.stdout)?.[1];
    expect(runId).toBeDefined();
    expect(r.stdout).toContain(`approve ${runId} boss`);
  });

  it('--reject takes the rejected port', async () => {
    const runId = await startWaiting();
    const r = await cli(['approve', runId, 'boss', '--reject', '--by', 'bob', '--json']);
    expect(r.code).toBe(0);
    expect((r.json as Outcome).output).toEqual({ decision: 'rejected', by: 'bob' });
  });

  it('--by defaults to $SWITCHYARD_USER, else $USER', async () => {
    const first = await startWaiting();
    const r = await cli(['approve', first, 'boss', '--json'], { SWITCHYARD_USER: 'bob' });
    expect(r.code).toBe(0);
    expect((r.json as Outcome).output).toEqual({ decision: 'approved', by: 'bob' });
    const second = await startWaiting(open);
    const s = await cli(['approve', second, 'boss', '--json'], { USER: 'carol' });
    expect(s.code).toBe(0);
    expect((s.json as Outcome).output).toMatchObject({ decision: 'approved', by: 'carol' });
  });

  it('refuses an approver who is not in the approvers list: exit 2, history unchanged', async () => {
    const runId = await startWaiting();
    const before = await history(runId);
    const r = await cli(['approve', runId, 'boss', '--by', 'mallory']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^switchyard: .*mallory/);
    expect(await history(runId)).toEqual(before);
  });

  it('refuses approving a node that is not waiting: exit 2, history unchanged', async () => {
    const runId = await startWaiting();
    const before = await history(runId);
    const r = await cli(['approve', runId, 'done', '--by', 'ana']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: .*done/);
    expect(await history(runId)).toEqual(before);
  });

  it('refuses deciding a finished run: exit 2', async () => {
    const runId = await startWaiting();
    expect((await cli(['approve', runId, 'boss', '--by', 'ana'])).code).toBe(0);
    const again = await cli(['approve', runId, 'boss', '--by', 'bob']);
    expect(again.code).toBe(2);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses an unknown run: exit 2', async () => {
    await startWaiting();
    const r = await cli(['approve', 'r_nope', 'boss', '--by', 'ana']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: run r_nope does not exist/);
  });

  it('refuses an unknown run without creating a store file', async () => {
    const r = await runCli(['approve', 'r_nope', 'boss', '--db', 'never.db'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: run r_nope does not exist/);
    expect(existsSync(join(ws.dir, 'never.db'))).toBe(false);
  });
});
