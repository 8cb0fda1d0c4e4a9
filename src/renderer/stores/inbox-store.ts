import type { ApprovalInfo, BackendApi, RunEventsMessage } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../transport/backend-error.js';

export function approvalKey(a: Pick<ApprovalInfo, 'runId' | 'node'>): string {
  return `${a.runId}/${a.node}`;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export interface InboxState {
  approvals: readonly ApprovalInfo[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Approval key → the decision being sent. */
  pending: Readonly<Record<string, 'approved' | 'rejected'>>;
  /** Approval key → why the last decision was refused. */
  failures: Readonly<Record<string, string>>;
  refresh(): Promise<void>;
  /** Decides as the current user (the backend knows who that is). */
  decide(approval: ApprovalInfo, decision: 'approved' | 'rejected', comment: string): Promise<boolean>;
  watch(subscribe: (listener: (message: RunEventsMessage) => void) => () => void, throttleMs?: number): () => void;
}

export type InboxStore = StoreApi<InboxState>;

const RELEVANT = new Set(['approval.requested', 'approval.decided', 'run.completed', 'run.failed', 'run.cancelled']);

/** Every approval waiting across runs; deciding one continues its run. */
export function createInboxStore(api: BackendApi): InboxStore {
  let request = 0;
  return createStore<InboxState>()((set, get) => ({
    approvals: [],
    status: 'idle',
    error: null,
    pending: {},
    failures: {},

    async refresh() {
      const mine = ++request;
      if (get().status === 'idle') set({ status: 'loading' });
      try {
        const approvals = await api.listApprovals({});
        if (mine === request) set({ approvals, status: 'ready', error: null });
      } catch (err) {
        if (mine === request) set({ status: 'error', error: errorMessage(err) });
      }
    },
    async decide(approval, decision, comment) {
      const key = approvalKey(approval);
      set({ pending: { ...get().pending, [key]: decision }, failures: without(get().failures, key) });
      try {
        await api.approve({
          runId: approval.runId,
          node: approval.node,
          decision,
          ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
        });
        return true;
      } catch (err) {
        set({ failures: { ...get().failures, [key]: errorMessage(err) } });
        return false;
      } finally {
        set({ pending: without(get().pending, key) });
        await get().refresh();
      }
    },
    watch(subscribe, throttleMs = 300) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const unsubscribe = subscribe((message) => {
        if (!message.events.some((e) => RELEVANT.has(e.type)) || timer !== undefined) return;
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
