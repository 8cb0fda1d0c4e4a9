import type { BackendApi, RunEventsMessage } from '#shared';
import { describe, expect, it, vi } from 'vitest';
import { createRunsStore, filterParams, NO_FILTERS, PAGE_SIZE } from './runs-store.js';

describe('runs list filters', () => {
  const now = Date.parse('2026-03-01T12:00:00.000Z');

  it('sends only the filters that are set', () => {
    expect(filterParams(NO_FILTERS, now, 200)).toEqual({ limit: 200 });
    expect(
      filterParams({ ...NO_FILTERS, status: 'failed', workflowId: 'w', text: '  r_1 ', range: '24h' }, now, 50),
    ).toEqual({ limit: 50, status: 'failed', workflowId: 'w', text: 'r_1', since: '2026-02-28T12:00:00.000Z' });
    expect(filterParams({ ...NO_FILTERS, trigger: 'nightly' }, now, 10)).toEqual({ limit: 10, trigger: 'nightly' });
  });

  it('turns a custom range (local times) into ISO bounds and ignores empty ends', () => {
    const params = filterParams({ ...NO_FILTERS, range: 'custom', from: '2026-02-01T08:30', to: '' }, now, 10);
    expect(params.since).toBe(new Date('2026-02-01T08:30').toISOString());
    expect(params.until).toBeUndefined();
  });
});

describe('the runs store', () => {
  it('refreshes on filter changes, pages with "show more", and follows run events', async () => {
    const listRuns = vi.fn(async () => []);
    const store = createRunsStore({ listRuns } as unknown as BackendApi);
    store.getState().setFilters({ status: 'waiting' });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    expect(listRuns).toHaveBeenLastCalledWith({ status: 'waiting', limit: PAGE_SIZE });
    store.getState().showMore();
    expect(listRuns).toHaveBeenLastCalledWith({ status: 'waiting', limit: 2 * PAGE_SIZE });
    // Another order asks the server again, from the first page.
    store.getState().setOrder('longest');
    expect(listRuns).toHaveBeenLastCalledWith({ status: 'waiting', order: 'longest', limit: PAGE_SIZE });
    expect(store.getState().order).toBe('longest');

    let listener: ((m: RunEventsMessage) => void) | undefined;
    const stop = store.getState().watch((l) => {
      listener = l;
      return () => undefined;
    }, 0);
    const calls = listRuns.mock.calls.length;
    listener?.({ runId: 'r', events: [{ seq: 3, at: '2026-01-01T00:00:00.000Z', type: 'node.entered', node: 'a' }] });
    listener?.({ runId: 'r', events: [{ seq: 4, at: '2026-01-01T00:00:00.000Z', type: 'run.completed' }] });
    await vi.waitFor(() => expect(listRuns.mock.calls.length).toBe(calls + 1));
    stop();
  });
});
