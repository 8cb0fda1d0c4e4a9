import type { RunRecord } from '#shared';
import { describe, expect, it } from 'vitest';
import { durationChart } from './duration-chart.js';
import { describeEvent } from './event-text.js';
import { numbered } from './history-fixtures.js';
import { formatAgo, formatDuration } from './run-format.js';
import { parentLabel, withLineage } from './run-lineage.js';
import { parseRoute, routeHash, type Route } from './run-route.js';

function run(id: string, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    workflowId: 'w',
    version: 1,
    status: 'completed',
    input: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:01.000Z',
    ...extra,
  };
}

describe('run lineage', () => {
  it('puts forks under their parent, indented, and keeps orphans at the top level', () => {
    const rows = withLineage([
      run('c'),
      run('fork2', { parentRun: 'a', forkSeq: 9 }),
      run('b'),
      run('a'),
      run('fork1', { parentRun: 'a', forkSeq: 3 }),
      run('grandchild', { parentRun: 'fork1', forkSeq: 2 }),
      run('orphan', { parentRun: 'gone', forkSeq: 1 }),
    ]);
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.run.id}`)).toEqual([
      'c',
      'b',
      'a',
      '  fork2',
      '  fork1',
      '    grandchild',
      'orphan',
    ]);
    expect(parentLabel(run('x', { parentRun: 'a', forkSeq: 3 }))).toBe('a@3');
    expect(parentLabel(run('x', { parentRun: 'a', parentNode: 'call' }))).toBe('a (call)');
    expect(parentLabel(run('x'))).toBeUndefined();
  });
});

describe('routes', () => {
  it('round-trips every page through the location hash', () => {
    const routes: Route[] = [
      { page: 'designer' },
      { page: 'runs' },
      { page: 'run', runId: 'r_1/x' },
      { page: 'inbox' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(parseRoute('')).toEqual({ page: 'designer' });
    expect(parseRoute('#/nonsense')).toEqual({ page: 'designer' });
  });
});

describe('formatting', () => {
  it('formats durations and ages for people', () => {
    expect([840, 1234, 12_345, 184_000, 7_500_000].map(formatDuration)).toEqual([
      '840ms',
      '1.23s',
      '12.3s',
      '3m 04s',
      '2h 05m',
    ]);
    const now = Date.parse('2026-01-01T01:00:00.000Z');
    expect(formatAgo('2026-01-01T00:55:00.000Z', now)).toBe('5 min ago');
    expect(formatAgo('2025-12-30T01:00:00.000Z', now)).toBe('2 days ago');
  });

  it('describes events in one line', () => {
    const [started, decided, failed] = numbered([
      { type: 'run.started', data: { input: { amount: 5 } } },
      { type: 'approval.decided', node: 'boss', data: { decision: 'approved', by: 'ana', comment: 'ok' } },
      { type: 'node.failed', node: 'f', data: { error: { message: 'boom' }, attempt: 2, willRetry: true } },
    ]);
    expect(describeEvent(started!)).toBe('input {"amount":5}');
    expect(describeEvent(decided!)).toBe('approved by ana: “ok”');
    expect(describeEvent(failed!)).toBe('attempt 2: boom (will retry)');
  });

  it('says what a fork was forked from and what it changed', () => {
    const [retry, whatIf] = numbered([
      { type: 'run.started', data: { parentRun: 'r1', forkSeq: 3, restore: {} } },
      {
        type: 'run.started',
        data: { parentRun: 'r1', forkSeq: 5, changes: { input: {}, outputs: { fetch: 1 } }, restore: {} },
      },
    ]);
    expect(describeEvent(retry!)).toBe('forked from r1 at #3');
    expect(describeEvent(whatIf!)).toBe('forked from r1 at #5 · changed input, steps.fetch.output');
  });
});

describe('the durations chart', () => {
  const box = { width: 400, height: 100, left: 40, right: 10, top: 10, bottom: 20 };

  it('places runs by start time and log duration, and counts outcomes', () => {
    const model = durationChart(
      [
        run('fast', { startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.010Z' }),
        run('slow', { startedAt: '2026-01-01T00:10:00.000Z', endedAt: '2026-01-01T00:10:10.000Z', status: 'failed' }),
        run('open', { startedAt: '2026-01-01T00:05:00.000Z', endedAt: undefined, status: 'waiting' }),
      ],
      Date.parse('2026-01-01T00:06:00.000Z'),
      box,
    );
    const [fast, slow, open] = model.points;
    expect(fast?.x).toBe(40);
    expect(slow?.x).toBe(390);
    expect(open?.x).toBeCloseTo(215);
    expect(fast!.y).toBeGreaterThan(slow!.y);
    expect(open).toMatchObject({ open: true, durationMs: 60_000 });
    expect(model.counts).toMatchObject({ completed: 1, failed: 1, waiting: 1 });
    expect(model.yTicks.map((t) => t.label)).toContain('1.00s');
    expect(model.points.every((p) => p.y >= box.top && p.y <= box.height - box.bottom)).toBe(true);
  });

  it('is empty without runs', () => {
    expect(durationChart([], 0, box).points).toEqual([]);
  });

  it('marks completed runs with handled errors', () => {
    const handledErrors = { count: 1, nodes: ['x'], first: { node: 'x', seq: 3, error: { code: 'E', message: 'm' } } };
    const done = { startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z' };
    const model = durationChart([{ ...run('h', done), handledErrors }, run('plain', done)], 0, box);
    expect(model.points.map((p) => p.handled)).toEqual([true, false]);
  });
});
