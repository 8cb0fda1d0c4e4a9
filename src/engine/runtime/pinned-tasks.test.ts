import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '#shared';
import { edges, flow, testEngine, trace } from '../testing/engine.test-support.js';
import { pinnedTasks } from './pinned-tasks.js';

const start = { id: 'start', kind: 'start' };
const fetchNode = { id: 'fetch', kind: 'http', config: { method: 'GET', url: 'http://invoices.test/1' } };
const check = { id: 'check', kind: 'condition', config: { when: 'steps.fetch.output.body.amount > 1000' } };
const score = { id: 'score', kind: 'script', config: { code: "throw new Error('the script ran')" } };
const big = { id: 'big', kind: 'end', config: { output: "'big'" } };
const small = { id: 'small', kind: 'end', config: { output: "'small'" } };
const invoice = { status: 200, headers: {}, body: { amount: 1200 } };

function countingFetch(): { calls: string[]; fetch: (url: string) => Promise<Response> } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (url) => {
      calls.push(url);
      return Promise.resolve(new Response('{"amount": 5}', { headers: { 'content-type': 'application/json' } }));
    },
  };
}

describe('pinnedTasks: a run on sample data', () => {
  it('gives a pinned http node its pinned output without calling fetch, and routes on it', async () => {
    const net = countingFetch();
    const tasks = pinnedTasks({ pins: new Map([['fetch', invoice]]) });
    const { engine, store } = testEngine({ fetch: net.fetch, tasks });
    const doc = flow(
      [start, fetchNode, check, big, small],
      edges('start>fetch', 'fetch>check', 'check:true>big', 'check:false>small'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome).toMatchObject({ status: 'completed', output: 'big' });
    expect(net.calls).toEqual([]);
    const completed = (await store.events(outcome.runId)).find(
      (e) => e.type === 'node.completed' && e.node === 'fetch',
    );
    expect(completed?.data).toEqual({ output: invoice });
  });

  it('refuses an unpinned http node with NOT_PINNED, naming it, and never calls fetch', async () => {
    const net = countingFetch();
    const { engine } = testEngine({ fetch: net.fetch, tasks: pinnedTasks({ pins: new Map() }) });
    const outcome = await engine.start(flow([start, fetchNode, big], edges('start>fetch', 'fetch>big')), {});
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({
      code: 'NOT_PINNED',
      message: expect.stringContaining('http node fetch has no pinned output') as string,
    });
    expect(net.calls).toEqual([]);
  });

  it('lets the host decide for unpinned http nodes: undefined calls out for real', async () => {
    const net = countingFetch();
    const seen: string[] = [];
    const tasks = pinnedTasks({
      pins: new Map(),
      unpinned: (node) => {
        seen.push(node.id);
        return undefined;
      },
    });
    const { engine } = testEngine({ fetch: net.fetch, tasks });
    const outcome = await engine.start(
      flow(
        [start, fetchNode, check, big, small],
        edges('start>fetch', 'fetch>check', 'check:true>big', 'check:false>small'),
      ),
      {},
    );
    expect(outcome).toMatchObject({ status: 'completed', output: 'small' });
    expect(seen).toEqual(['fetch']);
    expect(net.calls).toEqual(['http://invoices.test/1']);
  });

  it('runs pinned scripts without their code and leaves pure kinds to run', async () => {
    const tasks = pinnedTasks({
      pins: new Map<string, unknown>([
        ['fetch', invoice],
        ['score', 7],
        ['check', false],
      ]),
    });
    const { engine } = testEngine({ tasks });
    const doc = flow(
      [start, fetchNode, score, check, big, small],
      edges('start>fetch', 'fetch>score', 'score>check', 'check:true>big', 'check:false>small'),
    );
    // The script's code would throw; a pin on a condition is ignored: routing kinds decide on the data.
    expect(await engine.start(doc, {})).toMatchObject({ status: 'completed', output: 'big' });
  });
});

describe('Engine signal: a host that has seen enough', () => {
  it('stops driving once aborted: no task after that point starts, the run stays running', async () => {
    const stop = new AbortController();
    const net = countingFetch();
    const { engine, store } = testEngine({
      fetch: net.fetch,
      signal: stop.signal,
      tasks: pinnedTasks({ pins: new Map([['fetch', invoice]]) }),
      onEvents: (_runId, events) => {
        if (events.some((e) => e.type === 'node.completed' && e.node === 'fetch')) stop.abort();
      },
    });
    const second = { ...fetchNode, id: 'second', config: { method: 'GET', url: 'http://invoices.test/2' } };
    const outcome = await engine.start(
      flow([start, fetchNode, second, big], edges('start>fetch', 'fetch>second', 'second>big')),
      {},
    );
    expect(outcome.status).toBe('running');
    expect(net.calls).toEqual([]);
    expect(await trace(store, outcome.runId)).toEqual([
      'run.started',
      'node.entered:start',
      'node.completed:start',
      'node.entered:fetch',
      'node.completed:fetch',
      'node.entered:second',
    ]);
  });

  it('stops while a task is in flight: the drive returns without its result', async () => {
    const stop = new AbortController();
    const tasks = pinnedTasks({
      pins: new Map(),
      unpinned: () => {
        stop.abort(new SwitchyardError('NOT_PINNED', 'stopped'));
        return new Promise<never>(() => undefined);
      },
    });
    const { engine } = testEngine({ tasks, signal: stop.signal });
    const outcome = await engine.start(flow([start, fetchNode, big], edges('start>fetch', 'fetch>big')), {});
    expect(outcome).toMatchObject({ status: 'running', error: null });
  });
});
