import { graphOf } from '#engine';
import type { Workflow } from '#shared';
import { describe, expect, it } from 'vitest';
import { tablesIn, cellText } from './data-tables.js';
import { loopGraph, loopHistory, numbered } from './history-fixtures.js';
import { nodeDataAt } from './node-data.js';
import { emptyNodeIndex, indexEvents } from './node-index.js';
import { createTimeline } from './timeline.js';

describe('a node’s data at a seq', () => {
  const events = loopHistory(2);
  const timeline = createTimeline('r1', events, loopGraph);
  const index = indexEvents(emptyNodeIndex(), events);

  it('is "not run" before the node is first entered, and says where it first is', () => {
    expect(nodeDataAt(timeline, index, 'tick', 5)).toEqual({
      state: 'not-run',
      node: 'tick',
      seq: 5,
      executions: 2,
      firstSeq: 8,
    });
    expect(nodeDataAt(timeline, index, 'nowhere', 18)).toEqual({
      state: 'not-run',
      node: 'nowhere',
      seq: 18,
      executions: 0,
    });
  });

  it('shows the scope the node was entered with, and no output while it runs', () => {
    const data = nodeDataAt(timeline, index, 'tick', 8);
    expect(data).toMatchObject({ state: 'ran', execution: 1, executions: 2, enteredSeq: 8 });
    if (data.state !== 'ran') throw new Error('ran');
    expect(data.endSeq).toBeUndefined();
    expect(data.outcome).toEqual({ kind: 'running' });
    expect(data.input).toEqual({
      input: { times: 2 },
      vars: { i: 0 },
      steps: {
        start: { output: { times: 2 }, attempts: 1 },
        init: { output: null, attempts: 1 },
        more: { output: null, attempts: 1 },
      },
    });
  });

  it('shows the output once the execution ended, and the latest execution begun by the seq', () => {
    const first = nodeDataAt(timeline, index, 'tick', 11);
    expect(first).toMatchObject({ execution: 1, enteredSeq: 8, endSeq: 9 });
    expect(first.state === 'ran' && first.outcome).toEqual({ kind: 'output', seq: 9, value: 1, port: 'out' });
    const second = nodeDataAt(timeline, index, 'tick', 18);
    expect(second).toMatchObject({ execution: 2, enteredSeq: 12, endSeq: 13 });
    expect(second.state === 'ran' && second.input.vars).toEqual({ i: 1 });
    expect(second.state === 'ran' && second.outcome).toMatchObject({ kind: 'output', value: 2 });
    // A condition's port is part of its outcome.
    const more = nodeDataAt(timeline, index, 'more', 15);
    expect(more.state === 'ran' && more.outcome).toMatchObject({ kind: 'output', port: 'false' });
  });

  it('shows a failed attempt that will be retried, then the final error', () => {
    const doc: Workflow = {
      format: 'switchyard/workflow@1',
      id: 'flaky',
      name: 'Flaky',
      version: 1,
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'call', kind: 'transform', config: { output: '$error("down")' }, retry: { maxAttempts: 2 } },
        { id: 'done', kind: 'end' },
      ],
      edges: [
        { from: 'start', to: 'call' },
        { from: 'call', to: 'done' },
      ],
    };
    const failed = { code: 'EXPRESSION_FAILED', message: 'down' };
    const history = numbered([
      { type: 'run.started', data: { input: { n: 1 }, workflowId: 'flaky', version: 1 } },
      { type: 'node.entered', node: 'start', data: { kind: 'start' } },
      { type: 'node.completed', node: 'start', data: { output: { n: 1 } } },
      { type: 'node.entered', node: 'call', data: { kind: 'transform', from: 'start' } },
      { type: 'node.failed', node: 'call', data: { error: failed, attempt: 1, willRetry: true } },
      { type: 'node.retrying', node: 'call', data: { attempt: 2 } },
      { type: 'node.failed', node: 'call', data: { error: failed, attempt: 2 } },
      { type: 'run.failed', data: { error: { code: 'EXPRESSION_FAILED', message: 'node call: down' } } },
    ]);
    const tl = createTimeline('r2', history, graphOf(doc));
    const ix = indexEvents(emptyNodeIndex(), history);
    const retrying = nodeDataAt(tl, ix, 'call', 6);
    expect(retrying.state === 'ran' && retrying.outcome).toEqual({
      kind: 'error',
      seq: 5,
      error: failed,
      attempt: 1,
      willRetry: true,
    });
    const final = nodeDataAt(tl, ix, 'call', 8);
    expect(final).toMatchObject({ endSeq: 7 });
    expect(final.state === 'ran' && final.outcome).toMatchObject({ kind: 'error', attempt: 2, willRetry: false });
    expect(final.state === 'ran' && final.input.input).toEqual({ n: 1 });
  });
});

describe('tables in a value', () => {
  it('finds every list of objects, with the keys of all rows as columns', () => {
    const value = {
      status: 200,
      body: {
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', price: 2 },
        ],
        tags: ['x'],
      },
      'odd key': [{ v: 1 }],
    };
    const tables = tablesIn(value, 'output');
    expect(tables.map((t) => [t.path, t.columns, t.total])).toEqual([
      ['output.body.items', ['sku', 'qty', 'price'], 2],
      ['output.`odd key`', ['v'], 1],
    ]);
  });

  it('takes the value itself when it is a list, and does not repeat lists inside rows', () => {
    const tables = tablesIn([
      { id: 1, lines: [{ n: 1 }] },
      { id: 2, lines: [{ n: 2 }] },
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.path).toBe('');
    expect(tables[0]?.rows[1]).toEqual({ id: 2, lines: [{ n: 2 }] });
  });

  it('keeps to its limits', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ [`k${i}`]: i }));
    const [table] = tablesIn(rows, 'x', { maxTables: 1, maxRows: 10, maxColumns: 4, maxDepth: 3 });
    expect(table).toMatchObject({ total: 50, moreColumns: 6 });
    expect(table?.rows).toHaveLength(10);
    expect(table?.columns).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(
      tablesIn({ a: { b: { c: { d: [{ x: 1 }] } } } }, '', {
        ...{ maxTables: 5, maxRows: 5, maxColumns: 5 },
        maxDepth: 2,
      }),
    ).toEqual([]);
  });

  it('writes cells as text, long ones cut with the whole value kept', () => {
    expect(cellText('plain')).toEqual({ text: 'plain', kind: 'string' });
    expect(cellText(null)).toEqual({ text: 'null', kind: 'null' });
    expect(cellText(undefined)).toEqual({ text: '', kind: 'missing' });
    expect(cellText({ a: 1 })).toEqual({ text: '{"a":1}', kind: 'object' });
    const long = cellText('x'.repeat(100), 10);
    expect(long.text).toBe(`${'x'.repeat(9)}…`);
    expect(long.full).toHaveLength(100);
  });
});
