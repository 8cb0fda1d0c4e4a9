import type { BackendApi, BackendParams, RunEventsMessage, RunListItem, RunOrder, RunStatus, Workflow } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../transport/backend-error.js';

export type TimeRange = 'all' | '1h' | '24h' | '7d' | 'custom';

export interface RunFilters {
  status: RunStatus | '';
  workflowId: string;
  range: TimeRange;
  /** `datetime-local` values (local time) for the custom range. */
  from: string;
  to: string;
  text: string;
  /** A trigger id: only the runs it started. */
  trigger: string;
}

export const NO_FILTERS: RunFilters = {
  status: '',
  workflowId: '',
  range: 'all',
  from: '',
  to: '',
  text: '',
  trigger: '',
};

const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

function localToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The listRuns params for the filters as they stand at `nowMs`, in `order` (the server sorts). */
export function filterParams(
  filters: RunFilters,
  nowMs: number,
  limit: number,
  order: RunOrder = 'newest',
): BackendParams<'listRuns'> {
  const params: BackendParams<'listRuns'> = { limit };
  if (order !== 'newest') params.order = order;
  if (filters.status !== '') params.status = filters.status;
  if (filters.workflowId !== '') params.workflowId = filters.workflowId;
  if (filters.trigger !== '') params.trigger = filters.trigger;
  if (filters.text.trim() !== '') params.text = filters.text.trim();
  if (filters.range === 'custom') {
    const since = localToIso(filters.from);
    const until = localToIso(filters.to);
    if (since !== undefined) params.since = since;
    if (until !== undefined) params.until = until;
  } else if (filters.range !== 'all') {
    params.since = new Date(nowMs - RANGE_MS[filters.range]).toISOString();
  }
  return params;
}

export const PAGE_SIZE = 200;

export interface RunsState {
  filters: RunFilters;
  /** The table's order: by start time or by duration, sorted by the server (the list is paged). */
  order: RunOrder;
  runs: readonly RunListItem[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  limit: number;
  /** The last page was full: there may be more. */
  hasMore: boolean;
  setFilters(patch: Partial<RunFilters>): void;
  setOrder(order: RunOrder): void;
  refresh(): Promise<void>;
  showMore(): void;
  /** Starts a run of a document (the designer's, saved or not); answers at once with its id. */
  startRun(workflow: Workflow, input: unknown): Promise<string>;
  /** Reads a run bundle file's text into the store; answers the run id. */
  importBundle(text: string): Promise<{ runId: string; alreadyImported: boolean }>;
  /** Follows live events: the list refreshes (at most every `throttleMs`) when runs start or end. */
  watch(subscribe: (listener: (message: RunEventsMessage) => void) => () => void, throttleMs?: number): () => void;
}

export type RunsStore = StoreApi<RunsState>;

export function createRunsStore(api: BackendApi, now: () => number = () => Date.now()): RunsStore {
  let request = 0;
  return createStore<RunsState>()((set, get) => ({
    filters: NO_FILTERS,
    order: 'newest',
    runs: [],
    status: 'idle',
    error: null,
    limit: PAGE_SIZE,
    hasMore: false,

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch }, limit: PAGE_SIZE });
      void get().refresh();
    },
    setOrder(order) {
      set({ order, limit: PAGE_SIZE });
      void get().refresh();
    },
    async refresh() {
      const mine = ++request;
      const { filters, limit, order } = get();
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const runs = await api.listRuns(filterParams(filters, now(), limit, order));
        if (mine === request) set({ runs, status: 'ready', error: null, hasMore: runs.length >= limit });
      } catch (err) {
        if (mine === request) set({ status: 'error', error: errorMessage(err) });
      }
    },
    showMore() {
      set({ limit: get().limit + PAGE_SIZE });
      void get().refresh();
    },
    async startRun(workflow, input) {
      const outcome = await api.startRun({ workflow, input, detach: true });
      return outcome.runId;
    },
    async importBundle(text) {
      const result = await api.importRun({ text });
      void get().refresh();
      return result;
    },
    watch(subscribe, throttleMs = 400) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const unsubscribe = subscribe((message) => {
        if (!message.events.some((e) => e.type.startsWith('run.')) || timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          void get().refresh();
        }, throttleMs);
      });
      return () => {
        if (timer !== undefined) clearTimeout(timer);
        unsubscribe();
      };
    },
  }));
}
