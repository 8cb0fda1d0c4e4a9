import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RunViewState, RunViewStore } from '../stores/run-view-store.js';

const RunViewContext = createContext<RunViewStore | null>(null);

export function RunViewProvider({ store, children }: { store: RunViewStore; children: ReactNode }) {
  return <RunViewContext.Provider value={store}>{children}</RunViewContext.Provider>;
}

export function useRunViewStore(): RunViewStore {
  const store = useContext(RunViewContext);
  if (store === null) throw new Error('useRunViewStore must be used inside <RunViewProvider>');
  return store;
}

/** Reads the open run through a selector: re-renders only when the selected value changes. */
export function useRunView<T>(selector: (state: RunViewState) => T): T {
  return useStore(useRunViewStore(), selector);
}
