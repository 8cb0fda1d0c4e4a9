import { createStore, type StoreApi } from 'zustand/vanilla';

export interface PrefsState {
  /** Who approves and rejects from this app (the `by` of a decision). */
  userName: string;
  prefsOpen: boolean;
  setUserName(name: string): void;
  setPrefsOpen(open: boolean): void;
}

export type PrefsStore = StoreApi<PrefsState>;

const USER_KEY = 'switchyard.userName';

export function createPrefsStore(storage?: Pick<Storage, 'getItem' | 'setItem'>): PrefsStore {
  let saved = '';
  try {
    saved = storage?.getItem(USER_KEY) ?? '';
  } catch {
    // Storage may be unavailable (private windows): the name then lasts for this session.
  }
  return createStore<PrefsState>()((set) => ({
    userName: saved,
    prefsOpen: false,
    setUserName(name) {
      const userName = name.trim();
      try {
        storage?.setItem(USER_KEY, userName);
      } catch {
        // see above
      }
      set({ userName });
    },
    setPrefsOpen: (prefsOpen) => set({ prefsOpen }),
  }));
}
