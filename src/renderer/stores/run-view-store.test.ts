import type { BackendApi, HistoryEvent, RunEventsMessage, RunRecord } from '#shared';
import { describe, expect, it, vi } from 'vitest';
import { loopHistory } from '../run-model/history-fixtures.js';
import { lastSeq } from '../run-model/timeline.js';
import { orderApproval } from '../test-support/fixtures.js';
import { createRunViewStore, shownSeq } from './run-view-store.js';

const RUN: RunRecord = {
  id: 'r1',
  workflowId: 'loop',
  version: 1,
  status: 'running',
  input: {},
  startedAt: '2026-01-01T00:00:00.000Z',
};

function harness(history: HistoryEvent[], served = history) {
  let listener: ((message: RunEventsMessage) => void) | undefined;
  // The first fetch sees `history`; later ones (catching up) see `served`.
  const getHistory = vi.fn(async ({ fromSeq }: { fromSeq?: number }) =>
    fromSeq === undefined ? history : served.filter((e) => e.seq >= fromSeq),
  );
  const api = {
    getRun: vi.fn(async () => ({ run: RUN, workflow: orderApproval(), lastSeq: history.length })),
    getHistory,
  } as unknown as BackendApi;
  const timers: (() => void)[] = [];
  const store = createRunViewStore('r1', {
    api,
    subscribe: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
    setTimer: (fn) => {
      timers.push(fn);
      return 0;
    },
    clearTimer: () => undefined,
  });
  const push = (events: HistoryEvent[], runId = 'r1'): void => listener?.({ runId, events });
  return { store, push, getHistory, timers, subscribed: () => listener !== undefined };
}

describe('the run view store', () => {
  const events = loopHistory(3);

  it('loads the run and its history, and follows the newest event', async () => {
    const { store, subscribed } = harness(events.slice(0, 10));
    await store.getState().load();
    const state = store.getState();
    expect(state.status).toBe('ready');
    expect(state.doc?.id).toBe('order-approval');
    expect(lastSeq(state.timeline!)).toBe(10);
    expect(shownSeq(state)).toBe(10);
    expect(subscribed()).toBe(true);
  });

  it('appends live events of its run only, and fetches what it missed after a gap', async () => {
    const { store, push, getHistory } = harness(events.slice(0, 10), events);
    await store.getState().load();
    push(events.slice(10, 12), 'someone-else');
    expect(lastSeq(store.getState().timeline!)).toBe(10);
    push(events.slice(8, 12));
    expect(lastSeq(store.getState().timeline!)).toBe(12);
    expect(store.getState().index.seq).toBe(12);
    push([events[14]!]);
    await vi.waitFor(() => expect(lastSeq(store.getState().timeline!)).toBe(events.length));
    expect(getHistory).toHaveBeenLastCalledWith({ runId: 'r1', fromSeq: 13 });
  });

  it('keeps events that arrive while it loads', async () => {
    const { store, push } = harness(events.slice(0, 10));
    const loading = store.getState().load();
    push(events.slice(10, 13));
    await loading;
    expect(lastSeq(store.getState().timeline!)).toBe(13);
  });

  it('selects, steps within bounds, and plays to the end', async () => {
    const { store, timers } = harness(events);
    await store.getState().load();
    store.getState().select(999);
    expect(store.getState().selected).toBe(events.length);
    store.getState().select(4);
    store.getState().step(-10);
    expect(store.getState().selected).toBe(1);
    store.getState().setPlaying(true);
    while (timers.length > 0) timers.shift()!();
    expect(store.getState().selected).toBe(events.length);
    expect(store.getState().playing).toBe(false);
    store.getState().select(null);
    expect(shownSeq(store.getState())).toBe(events.length);
  });

  it('reports a run that cannot be loaded', async () => {
    const api = { getRun: async () => Promise.reject(new Error('run r9 does not exist')), getHistory: async () => [] };
    const store = createRunViewStore('r9', { api: api as unknown as BackendApi, subscribe: () => () => undefined });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'run r9 does not exist' });
  });

  it('shows a node’s data when one is selected, and the run state again when it is closed', async () => {
    const { store } = harness(events);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ selectedNode: null, sidePanel: 'state' });
    store.getState().showSidePanel('node');
    expect(store.getState().sidePanel).toBe('state');
    store.getState().selectNode('tick');
    expect(store.getState()).toMatchObject({ selectedNode: 'tick', sidePanel: 'node' });
    store.getState().showSidePanel('state');
    expect(store.getState()).toMatchObject({ selectedNode: 'tick', sidePanel: 'state' });
    store.getState().selectNode(null);
    expect(store.getState()).toMatchObject({ selectedNode: null, sidePanel: 'state' });
  });
});
