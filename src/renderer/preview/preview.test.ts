import type { ExprScope } from '#engine';
import type { BackendApi, RunRecord } from '#shared';
import { describe, expect, it, vi } from 'vitest';
import { loopGraph, loopHistory, loopWorkflow } from '../run-model/history-fixtures.js';
import { evaluatePreview, previewText, SECRET_MASK } from './evaluate-preview.js';
import { loadLatestRun, latestRunKey } from './latest-run.js';
import { NO_RUN_YET, runScopeSource, staticScopeSource, withStepOutputs } from './scope-source.js';

const scope: ExprScope = {
  input: { amount: 1200, items: [{ price: 2 }, { price: 3 }] },
  vars: { rate: 0.5 },
  steps: { fetch: { output: { status: 200, body: { amount: 1200 } }, attempts: 1 } },
};

describe('the expression preview', () => {
  it('evaluates expressions and templates as the engine does', async () => {
    expect(await evaluatePreview('steps.fetch.output.body.amount > 1000', 'expression', scope)).toEqual({
      ok: true,
      value: true,
      secrets: [],
    });
    expect(await evaluatePreview('$sum(input.items.price) * vars.rate', 'expression', scope)).toMatchObject({
      value: 2.5,
    });
    expect(await evaluatePreview('Approve {{ input.amount }}?', 'template', scope)).toMatchObject({
      value: 'Approve 1200?',
    });
    // A path that reads nothing is null, as in a run.
    expect(await evaluatePreview('steps.fetsh.output', 'expression', scope)).toMatchObject({ value: null });
  });

  it('says what is wrong with a bad expression: syntax before evaluation', async () => {
    expect(await evaluatePreview('input.amount >', 'expression', scope)).toMatchObject({
      ok: false,
      kind: 'syntax',
      message: expect.stringContaining('syntax error'),
    });
    expect(await evaluatePreview('Hi {{ input.amount ', 'template', scope)).toMatchObject({
      ok: false,
      kind: 'syntax',
      message: expect.stringContaining('unclosed'),
    });
    expect(await evaluatePreview('input.amount + "x"', 'expression', scope)).toMatchObject({
      ok: false,
      kind: 'evaluation',
      message: expect.stringContaining('evaluation failed'),
    });
  });

  it('never resolves a secret: every reference reads as *** and is named', async () => {
    const withSecret: ExprScope = {
      ...scope,
      // Even a scope that carries a real lookup is not asked.
      secret: new Proxy<Record<string, string>>({}, { get: () => 'real-value' }),
    };
    const header = await evaluatePreview('"Bearer " & secret.API_TOKEN', 'expression', withSecret);
    expect(header).toEqual({ ok: true, value: `Bearer ${SECRET_MASK}`, secrets: ['API_TOKEN'] });
    const called = await evaluatePreview("$secret('DB_PASSWORD')", 'expression', scope);
    expect(called).toEqual({ ok: true, value: SECRET_MASK, secrets: ['DB_PASSWORD'] });
    const templated = await evaluatePreview('https://x/{{ secret.KEY }}', 'template', scope);
    expect(templated).toMatchObject({ value: 'https://x/***', secrets: ['KEY'] });
  });

  it('writes values on one line', () => {
    expect(previewText({ a: [1, 'b'] }, 'expression')).toBe('{"a":[1,"b"]}');
    expect(previewText('text', 'expression')).toBe('"text"');
    expect(previewText('text', 'template')).toBe('text');
  });
});

describe('scope sources', () => {
  const events = loopHistory(3);

  it('gives each node the scope it was entered with in the run (its latest execution)', () => {
    const source = runScopeSource('run-0123456789abcdef', events, loopGraph);
    expect(source.label).toBe('latest run run-0123456789abcdef');
    const tick = source.scopeFor('tick');
    expect(tick.scope.vars).toEqual({ i: 2 });
    expect(tick.scope.input).toEqual({ times: 3 });
    expect(tick.scope.run).toMatchObject({ id: 'run-0123456789abcdef', workflowId: 'loop' });
    expect(tick.origin).toMatch(/^the scope tick was entered with at #\d+ of run run-0123456789abcdef$/);
    expect(tick.note).toBeUndefined();
    expect(source.scopeFor('tick')).toBe(tick);
  });

  it('says when a node did not run, and uses the run’s last state', () => {
    const source = runScopeSource('r1', events, loopGraph);
    const missing = source.scopeFor('newNode');
    expect(missing.note).toBe('newNode did not run in run r1');
    expect(missing.scope.vars).toEqual({ i: 3 });
  });

  it('can be any function of the node (pinned sample data)', () => {
    const pinned = staticScopeSource('pinned data', (node) => ({
      scope: { input: {}, vars: {}, steps: { fetch: { output: { n: node.length }, attempts: 1 } } },
      origin: 'pinned sample data',
    }));
    expect(pinned.scopeFor('abc').scope.steps['fetch']?.output).toEqual({ n: 3 });
  });

  it('lets pinned outputs stand in for steps, over a run or alone', () => {
    const run = { status: 'ready' as const, source: runScopeSource('r1', events, loopGraph) };
    const pinned = withStepOutputs(run, { init: { pinned: true } });
    if (pinned.status !== 'ready') throw new Error('ready');
    const tick = pinned.source.scopeFor('tick');
    expect(tick.scope.steps['init']).toEqual({ output: { pinned: true }, attempts: 1 });
    expect(tick.scope.vars).toEqual({ i: 2 });
    expect(pinned.source.label).toBe('pinned data + latest run r1');
    expect(tick.origin).toContain('pinned steps.init.output');
    expect(withStepOutputs(run, {})).toBe(run);
    const loading = { status: 'loading' as const };
    expect(withStepOutputs(loading, { init: 1 })).toBe(loading);

    const alone = withStepOutputs(NO_RUN_YET, { fetch: { status: 200 } });
    expect(alone.status === 'ready' && alone.source.scopeFor('x').scope).toEqual({
      input: null,
      vars: {},
      steps: { fetch: { output: { status: 200 }, attempts: 1 } },
    });
  });

  it('loads the newest run of a workflow, or says there is none yet', async () => {
    const run: RunRecord = {
      id: 'r9',
      workflowId: 'loop',
      version: 1,
      status: 'completed',
      input: { times: 3 },
      startedAt: '2026-01-01T00:00:00.000Z',
    };
    const api = {
      listRuns: vi.fn(async () => [run]),
      getRun: vi.fn(async () => ({ run, workflow: loopWorkflow, lastSeq: events.length })),
      getHistory: vi.fn(async () => events),
    } as unknown as BackendApi;
    const latest = await loadLatestRun(api, 'loop');
    expect(api.listRuns).toHaveBeenCalledWith({ workflowId: 'loop', limit: 1 });
    expect(latest.key).toBe(`r9:${events.length}`);
    expect(latest.state.status === 'ready' && latest.state.source.scopeFor('done').scope.vars).toEqual({ i: 3 });
    expect(await latestRunKey(api, 'loop')).toBe(latest.key);

    const empty = { listRuns: vi.fn(async () => []) } as unknown as BackendApi;
    expect(await loadLatestRun(empty, 'loop')).toEqual({
      key: 'none',
      state: { status: 'none', message: 'no run yet' },
    });
    expect(await latestRunKey(empty, 'loop')).toBeNull();
  });
});
