import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalFlow, delayFlow, flow, linearFlow } from './flows.js';
import { eventually } from './event-stream.js';
import { startTestServer, type TestServer } from './http-harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ users: [{ name: 'ana' }, { name: 'bob' }, { name: 'zoe' }] });
  await server.ok('saveWorkflow', { file: 'approval.flow.json', workflow: approvalFlow });
});
afterAll(async () => {
  await server.close();
});

const describedApproval = flow(
  'described',
  [
    { id: 'start', kind: 'start' },
    {
      id: 'legal',
      kind: 'approval',
      timeoutMs: 3_600_000,
      config: { title: 'Sign {{ input.doc }}', description: 'Contract {{ input.doc }}', minApprovals: 2 },
    },
    { id: 'done', kind: 'end' },
  ],
  [
    { from: 'start', to: 'legal' },
    { from: 'legal', port: 'approved', to: 'done' },
    { from: 'legal', port: 'rejected', to: 'done' },
    { from: 'legal', port: 'timeout', to: 'done' },
  ],
);

describe('the approvals inbox', () => {
  it('lists every waiting approval across runs, with decisions so far, until it is decided', async () => {
    const first = await server.ok('startRun', { file: 'approval.flow.json', input: { amount: 1200 } });
    const second = await server.ok('startRun', { workflow: describedApproval, input: { doc: 'NDA-7' } });
    await server.as('zoe').ok('approve', { runId: second.runId, node: 'legal', decision: 'approved' });

    const inbox = await server.ok('listApprovals', {});
    const mine = inbox.filter((a) => a.runId === first.runId || a.runId === second.runId);
    expect(mine).toEqual([
      {
        runId: first.runId,
        workflowId: 'approval',
        version: 1,
        node: 'boss',
        title: 'Approve 1200?',
        approvers: ['ana', 'bob'],
        minApprovals: 1,
        approvals: [],
        waitingSince: expect.any(String),
        canDecide: true,
      },
      {
        runId: second.runId,
        workflowId: 'described',
        version: 1,
        node: 'legal',
        title: 'Sign NDA-7',
        description: 'Contract NDA-7',
        approvers: [],
        minApprovals: 2,
        approvals: [{ decision: 'approved', by: 'zoe', comment: null, at: expect.any(String) }],
        waitingSince: expect.any(String),
        timeoutAt: expect.any(String),
        canDecide: true,
      },
    ]);
    // The same list as zoe: she is no approver of boss and has decided legal already.
    const zoes = (await server.as('zoe').ok('listApprovals', {})).filter(
      (a) => a.runId === first.runId || a.runId === second.runId,
    );
    expect(zoes.map((a) => [a.canDecide, a.reason])).toEqual([
      [false, 'zoe is not among the approvers of boss: ana, bob'],
      [false, 'zoe has already decided legal'],
    ]);

    await server.as('ana').ok('approve', { runId: first.runId, node: 'boss', decision: 'approved' });
    const after = await server.ok('listApprovals', {});
    expect(after.map((a) => a.runId)).not.toContain(first.runId);
    expect(after.map((a) => a.runId)).toContain(second.runId);
  });
});

describe('run bundles over HTTP', () => {
  it('exports a run as bundle text that another server imports once, then as a no-op', async () => {
    const { runId } = await server.ok('startRun', { workflow: linearFlow, input: { n: 4 } });
    const exported = await server.ok('exportRun', { runId });
    expect(exported.fileName).toBe(`linear-${runId}.bundle.json`);
    const bundle = JSON.parse(exported.text) as { format: string; run: { id: string }; events: unknown[] };
    expect(bundle).toMatchObject({ format: 'switchyard/run-bundle@1', run: { id: runId } });

    const other = await startTestServer();
    try {
      expect(await other.ok('importRun', { text: exported.text })).toEqual({ runId, alreadyImported: false });
      expect(await other.ok('importRun', { text: exported.text })).toEqual({ runId, alreadyImported: true });
      const { run } = await other.ok('getRun', { runId });
      expect(run).toMatchObject({ id: runId, status: 'completed', imported: true, output: { result: 8, n: 4 } });
      expect(await other.ok('getHistory', { runId })).toHaveLength(bundle.events.length);
    } finally {
      await other.close();
    }
  });

  it('refuses text that is not JSON or not a bundle, naming the problem', async () => {
    const notJson = await server.api('importRun', { text: '{ nope' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error?.code).toBe('BAD_JSON');
    const notBundle = await server.api('importRun', { text: '{"format": "switchyard/workflow@1"}' });
    expect(notBundle.status).toBe(400);
    expect(notBundle.body.error).toEqual({ code: 'BAD_BUNDLE', message: expect.stringContaining('not a run bundle') });
    expect((await server.api('exportRun', { runId: 'r_nope' })).status).toBe(404);
  });
});

describe('replay check over HTTP', () => {
  it('replays clean against the same design and reports where a changed design diverges', async () => {
    const { runId } = await server.ok('startRun', { file: 'approval.flow.json', input: { amount: 3 } });
    await server.as('bob').ok('approve', { runId, node: 'boss', decision: 'rejected' });
    const history = await server.ok('getHistory', { runId });
    expect(await server.ok('replayCheck', { runId, workflow: approvalFlow })).toEqual({
      clean: true,
      events: history.length,
    });

    const changed = {
      ...approvalFlow,
      nodes: [...(approvalFlow['nodes'] as unknown[]), { id: 'refuse', kind: 'end' }],
      edges: [
        { from: 'start', to: 'prep' },
        { from: 'prep', to: 'boss' },
        { from: 'boss', port: 'approved', to: 'done' },
        { from: 'boss', port: 'rejected', to: 'refuse' },
      ],
    };
    const verdict = await server.ok('replayCheck', { runId, workflow: changed });
    const enteredDone = history.find((e) => e.type === 'node.entered' && e.node === 'done');
    expect(verdict).toEqual({
      clean: false,
      seq: enteredDone?.seq,
      node: 'done',
      message: expect.stringContaining('refuse'),
    });

    const invalid = await server.api('replayCheck', { runId, workflow: { ...approvalFlow, nodes: [] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.code).toBe('INVALID_WORKFLOW');
  });
});

describe('listing runs with filters', () => {
  it('filters by start time and by text on run id or workflow id, newest first, within the limit', async () => {
    const a = await server.ok('startRun', { workflow: linearFlow, input: { n: 1 } });
    const b = await server.ok('startRun', { workflow: linearFlow, input: { n: 2 } });
    const runB = (await server.ok('getRun', { runId: b.runId })).run;

    const linear = await server.ok('listRuns', { text: 'LINE' });
    expect(linear.map((r) => r.id).slice(0, 2)).toEqual([b.runId, a.runId]);
    expect(linear.every((r) => r.workflowId === 'linear')).toBe(true);
    expect((await server.ok('listRuns', { text: a.runId })).map((r) => r.id)).toEqual([a.runId]);
    expect(await server.ok('listRuns', { text: 'linear', limit: 1 })).toHaveLength(1);

    const since = await server.ok('listRuns', { since: runB.startedAt, workflowId: 'linear' });
    expect(since.map((r) => r.id)).toEqual([b.runId]);
    const until = await server.ok('listRuns', { until: '2000-01-01T00:00:00.000Z' });
    expect(until).toEqual([]);

    const bad = await server.api('listRuns', { since: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('BAD_USAGE');
  });
});

const chargeFlow = flow(
  'charge',
  [
    { id: 'start', kind: 'start' },
    { id: 'charge', kind: 'transform', config: { output: 'input.ok ? "paid" : $error("card declined")' } },
    { id: 'paid', kind: 'end', config: { output: 'steps.charge.output' } },
    { id: 'declined', kind: 'end', config: { output: "'declined'" } },
  ],
  [
    { from: 'start', to: 'charge' },
    { from: 'charge', to: 'paid' },
    { from: 'charge', port: 'error', to: 'declined' },
  ],
);

describe('the runs list: handled errors and order by duration', () => {
  it('marks completed runs that went on from a failure, keeping their status completed', async () => {
    const handled = await server.ok('startRun', { workflow: chargeFlow, input: { ok: false } });
    const clean = await server.ok('startRun', { workflow: chargeFlow, input: { ok: true } });
    expect(handled.status).toBe('completed');
    const rows = await server.ok('listRuns', { workflowId: 'charge' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(handled.runId)).toMatchObject({
      status: 'completed',
      output: 'declined',
      handledErrors: {
        count: 1,
        nodes: ['charge'],
        first: { node: 'charge', error: { message: expect.stringContaining('card declined') } },
      },
    });
    expect(byId.get(clean.runId)?.status).toBe('completed');
    expect(byId.get(clean.runId)).not.toHaveProperty('handledErrors');
    // The store's row itself is not changed: getRun has the plain record.
    expect((await server.ok('getRun', { runId: handled.runId })).run).not.toHaveProperty('handledErrors');
  });

  it('orders by duration on the server, longest or shortest first, within the limit', async () => {
    const slow = await server.ok('startRun', { workflow: delayFlow(150) });
    const quick = await server.ok('startRun', { workflow: delayFlow(1) });
    const durations = (rows: { startedAt: string; endedAt?: string }[]) =>
      rows.map((r) => Date.parse(r.endedAt ?? '') - Date.parse(r.startedAt));
    const longest = await server.ok('listRuns', { workflowId: 'delay', order: 'longest' });
    expect(longest[0]?.id).toBe(slow.runId);
    expect(durations(longest)).toEqual([...durations(longest)].sort((a, b) => b - a));
    const shortest = await server.ok('listRuns', { workflowId: 'delay', order: 'shortest', limit: 1 });
    expect(shortest.map((r) => r.id)).toEqual([quick.runId]);
    const oldest = await server.ok('listRuns', { workflowId: 'delay', order: 'oldest' });
    expect(oldest.at(-1)?.id).toBe(quick.runId);

    const bad = await server.api('listRuns', { order: 'fastest' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('BAD_USAGE');
  });
});

describe('detached starts and forks', () => {
  it('answers while the run is still going; the run finishes in the background', async () => {
    const started = await server.ok('startRun', { workflow: delayFlow(400), detach: true });
    expect(started).toEqual({ runId: started.runId, status: 'running', output: null, error: null, waitingOn: [] });
    expect((await server.ok('getRun', { runId: started.runId })).run.status).toBe('running');
    const done = await eventually(async () => {
      const { run } = await server.ok('getRun', { runId: started.runId });
      return run.status === 'completed' ? run : undefined;
    });
    expect(done.output).toBe('woke up');

    const forked = await server.ok('forkRun', { runId: started.runId, seq: 2, detach: true });
    expect(forked.status).toBe('running');
    expect((await server.ok('getRun', { runId: forked.runId })).run).toMatchObject({
      parentRun: started.runId,
      forkSeq: 2,
    });
  });

  it('still refuses bad input before anything starts', async () => {
    const reply = await server.api('startRun', { workflow: linearFlow, input: { n: 'x' }, detach: true });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('INVALID_INPUT');
  });
});
