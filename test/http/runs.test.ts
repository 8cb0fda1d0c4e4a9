import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalFlow, linearFlow, signalFlow } from './flows.js';
import { startTestServer, type TestServer } from './http-harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ users: [{ name: 'ana' }, { name: 'bob' }, { name: 'mallory' }] });
  await server.ok('saveWorkflow', { file: 'approval.flow.json', workflow: approvalFlow });
});
afterAll(async () => {
  await server.close();
});

describe('runs over HTTP', () => {
  it('runs an approval to the end: start waits, approve completes; history, state, fork and listing agree', async () => {
    const started = await server.ok('startRun', { file: 'approval.flow.json', input: { amount: 1200 } });
    expect(started).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }], error: null });
    const { runId } = started;

    const approved = await server.as('ana').ok('approve', {
      runId,
      node: 'boss',
      decision: 'approved',
      comment: 'fine',
    });
    expect(approved).toEqual({
      runId,
      status: 'completed',
      output: { decision: 'approved', limit: 100 },
      error: null,
      waitingOn: [],
    });

    const { run, workflow, lastSeq } = await server.ok('getRun', { runId });
    expect(run).toMatchObject({ id: runId, workflowId: 'approval', status: 'completed', input: { amount: 1200 } });
    expect(workflow).toEqual(approvalFlow);

    const history = await server.ok('getHistory', { runId });
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.at(-1)).toMatchObject({ seq: lastSeq, type: 'run.completed' });
    expect(history.find((e) => e.type === 'approval.decided')).toMatchObject({
      node: 'boss',
      data: { decision: 'approved', by: 'ana', comment: 'fine' },
    });
    expect(await server.ok('getHistory', { runId, fromSeq: 2, toSeq: 3 })).toEqual(history.slice(1, 3));

    const prepDone = history.find((e) => e.type === 'node.completed' && e.node === 'prep');
    const state = await server.ok('stateAt', { runId, seq: prepDone?.seq ?? 0 });
    expect(state).toMatchObject({
      seq: prepDone?.seq,
      status: 'running',
      context: { input: { amount: 1200 }, vars: { limit: 100 } },
    });
    expect((await server.ok('stateAt', { runId, seq: 0 })).active).toEqual([]);

    const forked = await server.ok('forkRun', { runId, seq: prepDone?.seq ?? 0, vars: { limit: 5 } });
    expect(forked).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }] });
    expect(forked.runId).not.toBe(runId);
    const rejected = await server.as('bob').ok('approve', { runId: forked.runId, node: 'boss', decision: 'rejected' });
    expect(rejected).toMatchObject({ status: 'completed', output: { decision: 'rejected', limit: 5 } });
    expect((await server.ok('getRun', { runId: forked.runId })).run).toMatchObject({
      parentRun: runId,
      forkSeq: prepDone?.seq,
    });

    const runs = await server.ok('listRuns', { workflowId: 'approval' });
    expect(runs.map((r) => r.id).sort()).toEqual([runId, forked.runId].sort());
    expect(await server.ok('listRuns', { status: 'waiting' })).toEqual([]);
    expect(await server.ok('listRuns', { limit: 1 })).toHaveLength(1);
  });

  it('starts an inline document, signals and cancels', async () => {
    const done = await server.ok('startRun', { workflow: linearFlow, input: { n: 21 } });
    expect(done).toMatchObject({ status: 'completed', output: { result: 42, n: 21 } });

    const waiting = await server.ok('startRun', { workflow: signalFlow });
    expect(waiting.status).toBe('waiting');
    expect(await server.ok('signal', { runId: waiting.runId, event: 'paid', data: { amount: 3 } })).toMatchObject({
      status: 'completed',
      output: { amount: 3 },
    });

    const other = await server.ok('startRun', { workflow: signalFlow });
    expect(await server.ok('cancelRun', { runId: other.runId, reason: 'no longer needed' })).toMatchObject({
      status: 'cancelled',
    });
    const again = await server.api('cancelRun', { runId: other.runId });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('RUN_FINISHED');
  });

  it('refuses invalid workflows and inputs before a run starts', async () => {
    const invalid = await server.api('startRun', {
      workflow: { ...linearFlow, edges: [{ from: 'start', to: 'nowhere' }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.code).toBe('INVALID_WORKFLOW');
    expect(invalid.body.error?.message).toMatch(
      /^workflow is not a valid workflow \(\d+ problems?\): workflow: edge start->nowhere: /,
    );

    const badInput = await server.api('startRun', { workflow: linearFlow, input: { n: 'two' } });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error?.code).toBe('INVALID_INPUT');

    const both = await server.api('startRun', { workflow: linearFlow, file: 'approval.flow.json' });
    expect(both.status).toBe(400);
    expect(both.body.error?.code).toBe('BAD_USAGE');
    const missing = await server.api('startRun', { file: 'missing.flow.json' });
    expect(missing.status).toBe(404);
  });

  it('maps run errors to statuses', async () => {
    const unknown = await server.api('getRun', { runId: 'r_nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'RUN_NOT_FOUND', message: expect.stringContaining('r_nope') });
    expect(
      (await server.as('ana').api('approve', { runId: 'r_nope', node: 'boss', decision: 'approved' })).status,
    ).toBe(404);

    const { runId } = await server.ok('startRun', { file: 'approval.flow.json', input: { amount: 5 } });
    const notWaiting = await server.as('ana').api('approve', { runId, node: 'prep', decision: 'approved' });
    expect(notWaiting.status).toBe(409);
    expect(notWaiting.body.error).toEqual({ code: 'NODE_NOT_WAITING', message: expect.stringContaining('prep') });

    const stranger = await server.as('mallory').api('approve', { runId, node: 'boss', decision: 'approved' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error?.code).toBe('APPROVER_NOT_ALLOWED');

    const badSeq = await server.api('stateAt', { runId, seq: 999 });
    expect(badSeq.status).toBe(400);
    expect(badSeq.body.error?.code).toBe('BAD_SEQ');
  });

  it('serializes concurrent decisions on one run', async () => {
    const { runId } = await server.ok('startRun', { file: 'approval.flow.json', input: { amount: 7 } });
    const replies = await Promise.all(
      ['ana', 'bob'].map((by) => server.as(by).api('approve', { runId, node: 'boss', decision: 'approved' })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await server.ok('getHistory', { runId });
    expect(history.filter((e) => e.type === 'approval.decided')).toHaveLength(1);
    expect(history.at(-1)?.type).toBe('run.completed');
  });
});
