import { describe, expect, it } from 'vitest';
import { MemoryRunStore } from '#storage';
import type { Workflow } from '#shared';
import { edges, flow, testEngine } from '../testing/engine.test-support.js';
import { exportRunBundle, importRunBundle, parseRunBundle } from './run-bundle.js';
import { replayCheck } from './replay-check.js';
import { foldAt, stateAt } from './state-at.js';
import { foldEvents, toRunState } from './run-fold.js';
import { graphOf } from '../model/workflow-graph.js';

const start = { id: 'start', kind: 'start' };
const approvalFlow = flow(
  [
    start,
    { id: 'prep', kind: 'transform', config: { assign: { discount: '0' } } },
    { id: 'check', kind: 'condition', config: { when: 'input.amount > 100' } },
    { id: 'boss', kind: 'approval', config: { title: 'ok?' } },
    { id: 'price', kind: 'end', config: { output: 'input.amount - vars.discount' } },
    { id: 'auto', kind: 'end', config: { output: "'auto'" } },
  ],
  edges('start>prep', 'prep>check', 'check:true>boss', 'check:false>auto', 'boss:approved>price'),
);

function variant(change: (doc: Workflow) => void): Workflow {
  const doc = structuredClone(approvalFlow);
  change(doc);
  return doc;
}

describe('state at seq', () => {
  it('rebuilds a waiting state and refuses seqs out of range', async () => {
    const { engine, store } = testEngine();
    await engine.start(approvalFlow, { amount: 500 });
    const last = (await store.lastSeq('r1')) ?? 0;
    expect(await stateAt(store, 'r1', last)).toMatchObject({ status: 'waiting', active: ['boss'] });
    expect(await stateAt(store, 'r1', 0)).toMatchObject({ seq: 0, active: [] });
    await expect(stateAt(store, 'r1', last + 1)).rejects.toThrow(/out of range: run r1 has events 1\.\.\d+/);
    await expect(stateAt(store, 'nope', 1)).rejects.toThrow(/does not exist/);
  });

  it('uses checkpoints on long runs and gives the same state as a full fold', async () => {
    const { engine, store } = testEngine();
    const loop = flow(
      [
        start,
        { id: 'inc', kind: 'transform', config: { assign: { i: '($exists(vars.i) ? vars.i : 0) + 1' } } },
        { id: 'more', kind: 'condition', config: { when: 'vars.i < 800' } },
        { id: 'done', kind: 'end', config: { output: 'vars.i' } },
      ],
      edges('start>inc', 'inc>more', 'more:true>inc', 'more:false>done'),
    );
    expect((await engine.start(loop, {})).output).toBe(800);
    const last = (await store.lastSeq('r1')) ?? 0;
    expect(last).toBeGreaterThan(3000);
    expect((await store.getCheckpoint('r1', last))?.seq).toBeGreaterThan(2000);
    for (const seq of [1, 999, 1000, 1001, 2500, last]) {
      expect(await stateAt(store, 'r1', seq)).toEqual(
        toRunState(foldEvents('r1', await store.events('r1', 1, seq), graphOf(loop))),
      );
    }
  });
});

describe('fork', () => {
  it('starts from the state after seq with vars merged and records its parent', async () => {
    const { engine, store } = testEngine();
    await engine.start(approvalFlow, { amount: 500 });
    await engine.approve('r1', 'boss', { decision: 'approved', by: 'x' });
    expect((await store.getRun('r1'))?.output).toBe(500);
    const prepDone = (await store.events('r1')).find((e) => e.type === 'node.completed' && e.node === 'prep')?.seq ?? 0;
    const forked = await engine.fork('r1', prepDone, { vars: { discount: 50 } });
    expect(forked.status).toBe('waiting');
    expect(await store.getRun(forked.runId)).toMatchObject({ parentRun: 'r1', forkSeq: prepDone });
    expect(await engine.approve(forked.runId, 'boss', { decision: 'approved', by: 'x' })).toMatchObject({
      status: 'completed',
      output: 450,
    });
  });

  it('forking at a waiting point leaves the new run waiting there', async () => {
    const { engine, store } = testEngine();
    await engine.start(approvalFlow, { amount: 500 });
    const waitingSeq = (await store.lastSeq('r1')) ?? 0;
    const forked = await engine.fork('r1', waitingSeq);
    expect(forked).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }] });
  });
});

describe('run bundles', () => {
  it('exports and imports a run as read-only history, idempotently', async () => {
    const { engine, store } = testEngine();
    await engine.start(approvalFlow, { amount: 5 });
    const bundle = parseRunBundle(JSON.parse(JSON.stringify(await exportRunBundle(store, 'r1'))));
    const other = new MemoryRunStore();
    expect(await importRunBundle(other, bundle)).toEqual({ runId: 'r1', alreadyImported: false });
    expect(await importRunBundle(other, bundle)).toEqual({ runId: 'r1', alreadyImported: true });
    expect(await other.getRun('r1')).toMatchObject({ imported: true, status: 'completed', output: 'auto' });
    expect(await stateAt(other, 'r1', 3)).toEqual(await stateAt(store, 'r1', 3));
  });

  it('refuses bundles with gaps or from a newer format', () => {
    expect(() => parseRunBundle({ format: 'switchyard/run-bundle@2' })).toThrow(/newer than this program/);
    const gap = {
      format: 'switchyard/run-bundle@1',
      workflow: approvalFlow,
      run: { id: 'x', status: 'completed', startedAt: '2026-01-01T00:00:00.000Z' },
      events: [
        { seq: 1, at: '2026-01-01T00:00:00.000Z', type: 'run.started' },
        { seq: 3, at: '2026-01-01T00:00:00.000Z', type: 'run.completed' },
      ],
    };
    expect(() => parseRunBundle(gap)).toThrow(/gap: expected seq 2, found 3/);
  });
});

describe('replay check', () => {
  async function recorded(amount: number) {
    const { engine, store } = testEngine();
    await engine.start(approvalFlow, { amount });
    if (amount > 100) await engine.approve('r1', 'boss', { decision: 'approved', by: 'x' });
    return await store.events('r1');
  }

  it('is clean against the same version and against a node added on an untaken path', async () => {
    const events = await recorded(500);
    expect(await replayCheck(events, approvalFlow)).toMatchObject({ clean: true });
    const untaken = variant((d) => {
      d.nodes.push({ id: 'note', kind: 'log', config: { message: 'auto' } });
      d.edges = d.edges.filter((e) => !(e.from === 'check' && e.port === 'false'));
      d.edges.push({ from: 'check', port: 'false', to: 'note' }, { from: 'note', to: 'auto' });
    });
    expect(await replayCheck(events, untaken)).toMatchObject({ clean: true });
  });

  it('reports a renamed node', async () => {
    const events = await recorded(500);
    const renamed = variant((d) => {
      for (const n of d.nodes) if (n.id === 'boss') n.id = 'manager';
      for (const e of d.edges) {
        if (e.to === 'boss') e.to = 'manager';
        if (e.from === 'boss') e.from = 'manager';
      }
    });
    const verdict = await replayCheck(events, renamed);
    expect(verdict).toMatchObject({ clean: false, node: 'boss' });
  });

  it('reports a node added on the taken path', async () => {
    const events = await recorded(500);
    const added = variant((d) => {
      d.nodes.push({ id: 'audit', kind: 'log', config: { message: 'audit' } });
      d.edges = d.edges.filter((e) => !(e.from === 'check' && e.port === 'true'));
      d.edges.push({ from: 'check', port: 'true', to: 'audit' }, { from: 'audit', to: 'boss' });
    });
    const verdict = await replayCheck(events, added);
    expect(verdict).toMatchObject({ clean: false, node: 'boss' });
    if (!verdict.clean) expect(verdict.message).toMatch(/enters audit/);
  });

  it('reports a changed condition that takes another port', async () => {
    const events = await recorded(500);
    const changed = variant((d) => {
      const check = d.nodes.find((n) => n.id === 'check');
      if (check?.kind === 'condition') check.config.when = 'input.amount > 1000';
    });
    const verdict = await replayCheck(events, changed);
    const seq = events.find((e) => e.type === 'node.completed' && e.node === 'check')?.seq;
    expect(verdict).toMatchObject({ clean: false, seq, node: 'check' });
    if (!verdict.clean) expect(verdict.message).toContain('takes port "false"');
  });

  it('gives byte-identical states on two replays of the same log', async () => {
    const events = await recorded(500);
    const replay = async (): Promise<string> =>
      JSON.stringify(await Promise.all(events.map(async (_, i) => toRunState(await foldAtEvents(events, i + 1)))));
    const a = await replay();
    const b = await replay();
    expect(a).toBe(b);
  });
});

async function foldAtEvents(events: Awaited<ReturnType<MemoryRunStore['events']>>, seq: number) {
  const store = new MemoryRunStore();
  await store.importRun(
    { id: 'x', workflowId: 'w', version: 1, status: 'completed', input: null, startedAt: '2026-01-01T00:00:00.000Z' },
    approvalFlow,
    events,
  );
  return await foldAt(store, 'x', seq);
}
