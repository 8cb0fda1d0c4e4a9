import type { BackendApi, SecretInfo, SecretList } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../transport/backend-error.js';

export interface SecretsState {
  open: boolean;
  secrets: SecretInfo[];
  /** Where values are written (a secrets file, the desktop keychain), or null: read-only. */
  writable: SecretList['writable'];
  loading: boolean;
  error: string | null;
  setOpen(open: boolean): void;
  refresh(): Promise<void>;
  /** Sets or replaces a value; answers the reason when refused. */
  save(name: string, value: string): Promise<string | undefined>;
  remove(name: string): Promise<void>;
}

export type SecretsStore = StoreApi<SecretsState>;

type SecretsApi = Pick<BackendApi, 'listSecrets' | 'setSecret' | 'deleteSecret'>;

/** The Secrets panel: names and sources from the backend; values go in and never come back. */
export function createSecretsStore(api: SecretsApi): SecretsStore {
  return createStore<SecretsState>()((set, get) => ({
    open: false,
    secrets: [],
    writable: null,
    loading: false,
    error: null,
    setOpen(open) {
      set({ open, error: null });
      if (open) void get().refresh();
    },
    async refresh() {
      set({ loading: true });
      try {
        const list = await api.listSecrets({});
        set({ secrets: list.secrets, writable: list.writable, loading: false, error: null });
      } catch (err) {
        set({ loading: false, error: errorMessage(err) });
      }
    },
    async save(name, value) {
      try {
        await api.setSecret({ name, value });
        await get().refresh();
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
    async remove(name) {
      try {
        await api.deleteSecret({ name });
        await get().refresh();
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
  }));
}
