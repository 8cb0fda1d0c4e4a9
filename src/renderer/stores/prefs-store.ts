import { createStore, type StoreApi } from 'zustand/vanilla';

export interface PrefsState {
  prefsOpen: boolean;
  setPrefsOpen(open: boolean): void;
}

export type PrefsStore = StoreApi<PrefsState>;

/** The Preferences dialog (who you are, read-only, and the theme). */
export function createPrefsStore(): PrefsStore {
  return createStore<PrefsState>()((set) => ({
    prefsOpen: false,
    setPrefsOpen: (prefsOpen) => set({ prefsOpen }),
  }));
}
