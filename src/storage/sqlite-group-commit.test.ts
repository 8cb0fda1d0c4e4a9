import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Engine, SimulatedClock, type EnginePorts } from '#engine';
import type { HistoryEvent, Workflow } from '#shared';
import { describeRunStoreContract } from './run-store.contract.js';
import { makeEvents, makeRun, workflow } from './run-store.fixtures.js';
import { SqliteRunStore } from './sqlite-run-store.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-group-'));
let counter = 0;
const freshPath = (): string => join(dir, `group-${++counter}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Everything the store promises still holds when its writes share transactions.
describeRunStoreContract('SqliteRunStore with group commit', (options) =>
  SqliteRunStore.open(freshPath(), { groupCommit: true, ...options }),
);

describe('SqliteRunStore group commit', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0).reverse()) close();
  });
  const open = (path: string, groupCommit = true): SqliteRunStore => {
    const store = SqliteRunStore.open(path, { groupCommit });
    closers.push(() => store.close());
    return store;
  };
  /** A second connection, as another process would read the file. */
  const reader = (path: string): ((runId: string) => number) => {
    const db = new Database(path, { readonly: true });
    closers.push(() => db.close());
    const count = db
      .prepare<[string]>('SELECT coalesce(sum(last_seq - first_seq + 1), 0) FROM event_batches WHERE run_id = ?')
      .pluck();
    return (runId) => Number(count.get(runId));
  };

  it('offers flush only when asked for group commit', () => {
    const path = freshPath();
    expect(open(path, false).flush).toBeUndefined();
    expect(open(path).flush).toBeTypeOf('function');
  });

  it('shows a write to its writer at once and to others once flush() has resolved', async () => {
    const path = freshPath();
    const store = open(path);
    const committed = reader(path);
    expect(store.flush?.()).toBeUndefined();
    await store.createRun(makeRun('r1'), workflow);
    await store.append('r1', makeEvents(1, 3));
    expect(await store.events('r1')).toHaveLength(3);
    expect(committed('r1')).toBe(0);
    const flushed = store.flush?.();
    expect(flushed).toBeInstanceOf(Promise);
    await flushed;
    expect(committed('r1')).toBe(3);
    expect(store.flush?.()).toBeUndefined();
  });

  it('puts the writes of one macrotask in one group, and later ones in the next', async () => {
    const store = open(freshPath());
    await store.createRun(makeRun('r1'), workflow);
    await store.createRun(makeRun('r2'), workflow);
    const first = store.flush?.();
    await store.append('r1', makeEvents(1, 1));
    expect(store.flush?.()).toBe(first);
    await first;
    await store.append('r2', makeEvents(1, 1));
    const second = store.flush?.();
    expect(second).toBeInstanceOf(Promise);
    expect(second).not.toBe(first);
    await second;
  });

  it('commits at once on flushNow and on close', async () => {
    const path = freshPath();
    const store = open(path);
    const committed = reader(path);
    await store.createRun(makeRun('r1'), workflow);
    await store.append('r1', makeEvents(1, 2));
    store.flushNow?.();
    expect(committed('r1')).toBe(2);
    await store.append('r1', makeEvents(3, 4));
    expect(committed('r1')).toBe(2);
    store.close();
    expect(committed('r1')).toBe(4);
  });

  it('undoes only a failing write; the rest of its group commits', async () => {
    const path = freshPath();
    const store = open(path);
    const committed = reader(path);
    await store.createRun(makeRun('r1'), workflow);
    await store.createRun(makeRun('r2'), workflow);
    await store.append('r1', makeEvents(1, 2));
    await expect(store.append('r2', [...makeEvents(1, 1), ...makeEvents(3, 3)])).rejects.toThrow('would have a gap');
    await store.append('r2', makeEvents(1, 1), { status: 'completed' });
    await store.flush?.();
    expect(committed('r1')).toBe(2);
    expect(committed('r2')).toBe(1);
    expect((await store.getRun('r2'))?.status).toBe('completed');
  });
});

describe('the engine on a group-commit store', () => {
  const chain: Workflow = {
    format: 'switchyard/workflow@1',
    id: 'chain',
    name: 'Chain',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start' },
      { id: 'fetch', kind: 'http', config: { method: 'GET', url: 'https://example.test/{{ input.n }}' } },
      { id: 'double', kind: 'transform', config: { output: 'input.n * 2' } },
      { id: 'done', kind: 'end', config: { output: 'steps.double.output' } },
    ],
    edges: [
      { from: 'start', to: 'fetch' },
      { from: 'fetch', to: 'double' },
      { from: 'double', to: 'done' },
    ],
  };

  it('lets concurrent runs share commits and acts on no event before it is committed', async () => {
    const path = freshPath();
    const store = SqliteRunStore.open(path, { groupCommit: true });
    const db = new Database(path, { readonly: true });
    try {
      const committedSeq = db.prepare<[string]>('SELECT max(last_seq) FROM event_batches WHERE run_id = ?').pluck();
      // Each stored event is a tuple [at, type, node, data] in its batch's JSON array.
      const enteredFetch = db
        .prepare<[string]>(
          `SELECT count(*) FROM event_batches, json_each(events) AS event
           WHERE run_id = ? AND event.value ->> 1 = 'node.entered' AND event.value ->> 2 = 'fetch'`,
        )
        .pluck();
      const problems: string[] = [];
      // Every distinct group the engine waited for is one commit.
      const groups = new Set<Promise<void>>();
      const flush = store.flush;
      Object.defineProperty(store, 'flush', {
        value: () => {
          const promise = flush?.();
          if (promise) groups.add(promise);
          return promise;
        },
      });
      const ports: EnginePorts = {
        clock: new SimulatedClock(),
        ids: { runId: () => `r${++ids}` },
        store,
        // The task sees its node.entered committed: it ran after the commit, not before.
        fetch: async (url) => {
          const runId = `r${url.split('/').pop() ?? ''}`;
          if (Number(enteredFetch.get(runId)) !== 1)
            problems.push(`${runId}: fetch ran before node.entered was committed`);
          return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
        },
        logger: { log: () => undefined },
      };
      let ids = 0;
      const announced = (runId: string, events: readonly HistoryEvent[]): void => {
        const last = events[events.length - 1]?.seq ?? 0;
        const seq = Number(committedSeq.get(runId) ?? 0);
        if (seq < last) problems.push(`${runId}: seq ${last} announced, only ${seq} committed`);
      };
      const engine = new Engine(ports, { onEvents: announced });
      const runs = 20;
      const outcomes = await Promise.all(Array.from({ length: runs }, (_, i) => engine.start(chain, { n: i + 1 })));

      expect(problems).toEqual([]);
      expect(outcomes.map((o) => o.output)).toEqual(Array.from({ length: runs }, (_, i) => (i + 1) * 2));
      for (const { runId } of outcomes) {
        expect(Number(committedSeq.get(runId))).toBe(await store.lastSeq(runId));
        expect((await store.getRun(runId))?.status).toBe('completed');
      }
      // Each run commits ~5 batches; shared, the 20 runs need about as many commits as one run does.
      expect(groups.size).toBeGreaterThan(0);
      expect(groups.size).toBeLessThan(runs);
    } finally {
      db.close();
      store.close();
    }
  });
});
