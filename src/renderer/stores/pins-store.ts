import type { BackendApi, PinnedOutput, WorkflowPins } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../transport/backend-error.js';

export interface PinsState {
  /** The workflow whose pins are loaded. */
  workflowId: string | null;
  pins: WorkflowPins;
  error: string | null;
  /** Loads a workflow's pins (a no-op when they are loaded already). */
  load(workflowId: string): Promise<void>;
  /** Pins `output` as the node's sample output; answers the reason when refused. */
  pin(workflowId: string, node: string, output: unknown, from?: PinnedOutput['from']): Promise<string | undefined>;
  unpin(workflowId: string, node: string): Promise<string | undefined>;
}

export type PinsStore = StoreApi<PinsState>;

type PinsApi = Pick<BackendApi, 'listPins' | 'pinOutput' | 'unpinOutput'>;

/** The pinned sample outputs of the open workflow, kept by the backend in the workspace. */
export function createPinsStore(api: PinsApi): PinsStore {
  return createStore<PinsState>()((set, get) => ({
    workflowId: null,
    pins: {},
    error: null,
    async load(workflowId) {
      if (get().workflowId === workflowId) return;
      set({ workflowId, pins: {}, error: null });
      try {
        const { pins } = await api.listPins({ workflowId });
        if (get().workflowId === workflowId) set({ pins });
      } catch (err) {
        if (get().workflowId === workflowId) set({ error: errorMessage(err) });
      }
    },
    async pin(workflowId, node, output, from) {
      try {
        const { pin } = await api.pinOutput({ workflowId, node, output, ...(from === undefined ? {} : { from }) });
        if (get().workflowId === workflowId) set({ pins: { ...get().pins, [node]: pin } });
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
    async unpin(workflowId, node) {
      try {
        await api.unpinOutput({ workflowId, node });
        if (get().workflowId === workflowId) {
          const rest = Object.fromEntries(Object.entries(get().pins).filter(([key]) => key !== node));
          set({ pins: rest });
        }
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
  }));
}
