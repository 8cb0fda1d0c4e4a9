import { describe, expect, it } from 'vitest';
import { MemoryRunStore } from '#storage';
import type { HistoryEvent } from '#shared';
import { edges, flow, testEngine, trace } from '../testing/engine.test-support.js';
import { graphOf } from '../model/workflow-graph.js';
import { changedPaths, forkChangesOf } from './fork-changes.js';
import { exportRunBundle, importRunBundle, parseRunBundle } from './run-bundle.js';
import { replayCheck } from './replay-check.js';
import { foldEvents } from './run-fold.js';
import { stateAt } from './state-at.js';

/** The invoice: fetch it over HTTP, then amount > 1000? → approval, else auto-approve. */
const invoice = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'fetch', kind: 'http', config: { method: 'GET', url: 'https://erp.example/invoices/{{ input.id }}' } },
    { id: 'check', kind: 'condition', config: { when: 'steps.fetch.output.body.amount > 1000' } },
    { id: 'boss', kind: 'approval', config: { title: 'Approve {{ steps.fetch.output.body.amount }}?' } },
    { id: 'auto', kind: 'end', config: { output: "{ 'approved': true, 'amount': steps.fetch.output.body.amount }" } },
  ],
  edges('start>fetch', 'fetch>check', 'check:true>boss', 'check:false>auto'),
  {
    id: 'invoice',
    input: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  },
);

function invoiceFetch(amounts: number[]) {
  let call = 0;
  const fetch = (): Promise<Response> => {
    const amount = amounts[Math.min(call++, amounts.length - 1)] ?? 0;
    if (amount < 0) return Promise.reject(new Error('connection refused'));
    return Promise.resolve(
      new Response(JSON.stringify({ amount }), { headers: { 'content-type': 'application/json' } }),
    );
  };
  return { fetch, calls: () => call };
}

async function seqOf(store: MemoryRunStore, runId: string, type: string, node?: string): Promise<number> {
  const events = await store.events(runId);
  return events.find((e) => e.type === type && (node === undefined || e.node === node))?.seq ?? -1;
}

async function firstEvent(store: MemoryRunStore, runId: string): Promise<HistoryEvent | undefined> {
  return (await store.events(runId, 1, 1))[0];
}

describe('what-if forks', () => {
  it('a changed step output changes the branch taken; the fork records the change and runs nothing before it', async () => {
    const net = invoiceFetch([1200]);
    const { engine, store } = testEngine({ fetch: net.fetch });
    expect(await engine.start(invoice, { id: 'inv-1' })).toMatchObject({ status: 'waiting' });
    const fetched = await seqOf(store, 'r1', 'node.completed', 'fetch');
    const recorded = (await stateAt(store, 'r1', fetched)).context.steps['fetch']?.output as { headers: unknown };
    const body = { status: 200, headers: recorded.headers, body: { amount: 500 } };

    const forked = await engine.fork('r1', fetched, { outputs: { fetch: body } });
    expect(forked).toMatchObject({ status: 'completed', output: { approved: true, amount: 500 } });
    expect(net.calls()).toBe(1);
    expect(await trace(store, forked.runId)).toEqual([
      'run.started',
      'node.entered:check',
      'node.completed:check',
      'node.entered:auto',
      'node.completed:auto',
      'run.completed',
    ]);
    const started = await firstEvent(store, forked.runId);
    expect(started?.data).toMatchObject({ parentRun: 'r1', forkSeq: fetched, changes: { outputs: { fetch: body } } });
    expect(changedPaths(forkChangesOf(started?.data ?? {}))).toEqual(['steps.fetch.output']);
    expect((await stateAt(store, forked.runId, 1)).context.steps['fetch']).toEqual({ output: body, attempts: 1 });
    // The parent keeps its own recording.
    expect((await stateAt(store, 'r1', fetched)).context.steps['fetch']?.output).toMatchObject({
      body: { amount: 1200 },
    });
  });

  it('a changed input is checked against the schema, replaces the start output and is recorded', async () => {
    const net = invoiceFetch([1200, 300]);
    const { engine, store } = testEngine({ fetch: net.fetch });
    await engine.start(invoice, { id: 'inv-1' });
    const started = await seqOf(store, 'r1', 'node.completed', 'start');
    const forked = await engine.fork('r1', started, { input: { id: 'inv-2' }, vars: { note: 'what if' } });
    expect(forked).toMatchObject({ status: 'completed', output: { amount: 300 } });
    expect(await store.getRun(forked.runId)).toMatchObject({ input: { id: 'inv-2' }, parentRun: 'r1' });
    const state = await stateAt(store, forked.runId, 1);
    expect(state.context).toMatchObject({ input: { id: 'inv-2' }, vars: { note: 'what if' } });
    expect(state.context.steps['start']?.output).toEqual({ id: 'inv-2' });
    const first = await firstEvent(store, forked.runId);
    expect(first?.data).toMatchObject({ input: { id: 'inv-2' } });
    expect(changedPaths(forkChangesOf(first?.data ?? {}))).toEqual(['vars.note', 'input']);

    await expect(engine.fork('r1', started, { input: { id: 7 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('refuses changes it cannot apply, with a code and the reason, and records nothing', async () => {
    const net = invoiceFetch([-1, 1200]);
    const { engine, store } = testEngine({ fetch: net.fetch });
    expect(await engine.start(invoice, { id: 'inv-1' })).toMatchObject({ status: 'failed' });
    const { fetch } = invoiceFetch([1200]);
    const ok = testEngine({ fetch });
    await ok.engine.start(invoice, { id: 'inv-1' });
    const afterStart = await seqOf(ok.store, 'r1', 'node.completed', 'start');
    const entered = await seqOf(ok.store, 'r1', 'node.entered', 'fetch');
    const last = (await ok.store.lastSeq('r1')) ?? 0;
    const cases: [number, unknown, RegExp][] = [
      [last, { outputs: { fetsh: {} } }, /outputs\.fetsh: workflow invoice has no node fetsh \(did you mean fetch\?\)/],
      [afterStart, { outputs: { fetch: {} } }, /node fetch has no output to change at #\d+ \(it has not run by then\)/],
      [entered, { outputs: { fetch: {} } }, /\(it is still active there\)/],
      [last, { outputs: { boss: {} } }, /\(it is still active there\)/],
      [last, { vars: [1] }, /vars must be a JSON object/],
      [last, { outputs: 3 }, /outputs must be a JSON object of node id → output/],
      [last, { steps: {} }, /Unrecognized key: "steps"/],
    ];
    for (const [seq, changes, message] of cases) {
      await expect(ok.engine.fork('r1', seq, changes as never), JSON.stringify(changes)).rejects.toMatchObject({
        code: 'INVALID_FORK_CHANGE',
        message: expect.stringMatching(message) as unknown,
      });
    }
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    await expect(ok.engine.fork('r1', last, { vars: { deep } })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    // A failed step has no output to change.
    const failedAt = await seqOf(store, 'r1', 'run.failed');
    await expect(engine.fork('r1', failedAt, { outputs: { fetch: {} } })).rejects.toThrow(
      /\(its latest execution failed\)/,
    );
    expect(await ok.store.listRuns({})).toHaveLength(1);
    expect(await store.listRuns({})).toHaveLength(1);
  });

  it('retrying a failed node is a fork at the seq before its entry: it runs again, nothing else does', async () => {
    const net = invoiceFetch([-1, 400]);
    const { engine, store } = testEngine({ fetch: net.fetch });
    expect(await engine.start(invoice, { id: 'inv-1' })).toMatchObject({ status: 'failed' });
    const entered = await seqOf(store, 'r1', 'node.entered', 'fetch');
    const retried = await engine.fork('r1', entered - 1);
    expect(retried).toMatchObject({ status: 'completed', output: { amount: 400 } });
    expect(net.calls()).toBe(2);
    expect((await trace(store, retried.runId)).slice(0, 2)).toEqual(['run.started', 'node.entered:fetch']);
    expect((await firstEvent(store, retried.runId))?.data?.['changes']).toBeUndefined();
  });

  it('a bundle of a what-if fork imports, verifies and replays clean; the imported state has the change', async () => {
    const { fetch } = invoiceFetch([1200]);
    const { engine, store } = testEngine({ fetch });
    await engine.start(invoice, { id: 'inv-1' });
    const fetched = await seqOf(store, 'r1', 'node.completed', 'fetch');
    const forked = await engine.fork('r1', fetched, {
      outputs: { fetch: { status: 200, headers: {}, body: { amount: 9 } } },
    });
    const bundle = parseRunBundle(JSON.parse(JSON.stringify(await exportRunBundle(store, forked.runId))));
    const other = new MemoryRunStore();
    expect(await importRunBundle(other, bundle)).toEqual({ runId: forked.runId, alreadyImported: false });
    expect(await other.getRun(forked.runId)).toMatchObject({ status: 'completed', output: { amount: 9 } });
    expect(await stateAt(other, forked.runId, 1)).toEqual(await stateAt(store, forked.runId, 1));
    expect(await replayCheck(bundle.events, invoice, forked.runId)).toEqual({
      clean: true,
      events: bundle.events.length,
    });
  });

  it('reads the forks recorded before what-if forks: their top-level vars are still merged', () => {
    const graph = graphOf(invoice);
    const parent = foldEvents('p', [{ seq: 1, at: '2026-01-01T00:00:00.000Z', type: 'run.started', data: {} }], graph);
    const old: HistoryEvent = {
      seq: 1,
      at: '2026-01-02T00:00:00.000Z',
      type: 'run.started',
      data: { input: null, parentRun: 'p', forkSeq: 1, vars: { discount: 5 }, restore: parent },
    };
    expect(foldEvents('f', [old], graph).vars).toEqual({ discount: 5 });
    expect(changedPaths(forkChangesOf(old.data ?? {}))).toEqual(['vars.discount']);
    expect(changedPaths(forkChangesOf({ vars: {} }))).toEqual([]);
  });
});
