import type { BackendApi, RunReplayInfo, VersionList } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { toEditableDocument } from '../model/editable-document.js';
import { compareVersions, type VersionComparison } from '../model/version-compare.js';
import { errorMessage } from '../transport/backend-error.js';

export interface CompareView {
  from: number;
  to: number;
  status: 'loading' | 'ready' | 'error';
  comparison: VersionComparison | null;
  error: string | null;
}

export interface ReplayCheckView {
  version: number;
  lastN: number;
  status: 'idle' | 'running' | 'done' | 'error';
  runs: readonly RunReplayInfo[];
  error: string | null;
}

export interface VersionsState {
  workflowId: string | null;
  list: VersionList | null;
  error: string | null;
  compare: CompareView | null;
  check: ReplayCheckView | null;
  refresh(workflowId: string): Promise<void>;
  /** Opens the diff of two saved versions (`from` the older). */
  openCompare(from: number, to: number): Promise<void>;
  closeCompare(): void;
  openCheck(version: number): void;
  runCheck(lastN: number): Promise<void>;
  closeCheck(): void;
}

export type VersionsStore = StoreApi<VersionsState>;

type VersionsApi = Pick<BackendApi, 'listVersions' | 'getVersion' | 'replayCheckVersion'>;

const DEFAULT_LAST_N = 20;

/** The open workflow's saved versions, the diff of two of them and the replay check of one. */
export function createVersionsStore(api: VersionsApi): VersionsStore {
  return createStore<VersionsState>()((set, get) => {
    const documentOf = async (workflowId: string, version: number) => {
      const { workflow } = await api.getVersion({ workflowId, version });
      const editable = toEditableDocument(workflow);
      if (!editable.ok) throw new Error(`v${version}: ${editable.message}`);
      return editable.doc;
    };

    return {
      workflowId: null,
      list: null,
      error: null,
      compare: null,
      check: null,

      async refresh(workflowId) {
        if (workflowId !== get().workflowId) set({ workflowId, list: null, compare: null, check: null });
        try {
          const list = await api.listVersions({ workflowId });
          if (get().workflowId === workflowId) set({ list, error: null });
        } catch (err) {
          if (get().workflowId === workflowId) set({ error: errorMessage(err) });
        }
      },

      async openCompare(from, to) {
        const { workflowId } = get();
        if (workflowId === null) return;
        const view: CompareView = { from, to, status: 'loading', comparison: null, error: null };
        set({ compare: view });
        const current = () => get().compare?.from === from && get().compare?.to === to;
        try {
          const [before, after] = await Promise.all([documentOf(workflowId, from), documentOf(workflowId, to)]);
          if (current()) set({ compare: { ...view, status: 'ready', comparison: compareVersions(before, after) } });
        } catch (err) {
          if (current()) set({ compare: { ...view, status: 'error', error: errorMessage(err) } });
        }
      },
      closeCompare: () => set({ compare: null }),

      openCheck(version) {
        set({ check: { version, lastN: get().check?.lastN ?? DEFAULT_LAST_N, status: 'idle', runs: [], error: null } });
      },
      async runCheck(lastN) {
        const { workflowId, check } = get();
        if (workflowId === null || check === null) return;
        const { version } = check;
        set({ check: { ...check, lastN, status: 'running', error: null } });
        const still = () => get().check?.version === version;
        try {
          const result = await api.replayCheckVersion({ workflowId, version, lastN });
          if (still()) set({ check: { version, lastN, status: 'done', runs: result.runs, error: null } });
        } catch (err) {
          if (still()) set({ check: { version, lastN, status: 'error', runs: [], error: errorMessage(err) } });
        }
      },
      closeCheck: () => set({ check: null }),
    };
  });
}
