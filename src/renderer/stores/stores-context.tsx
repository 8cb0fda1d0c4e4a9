import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Transport } from '../transport/transport.js';
import type { DesignerState, DesignerStore } from './designer-store.js';
import type { IdentityState, IdentityStore } from './identity-store.js';
import type { InboxState, InboxStore } from './inbox-store.js';
import type { NavState, NavStore } from './nav-store.js';
import type { PinsState, PinsStore } from './pins-store.js';
import type { PrefsState, PrefsStore } from './prefs-store.js';
import type { RunsState, RunsStore } from './runs-store.js';
import type { SampleRunState, SampleRunStore } from './sample-run-store.js';
import type { SecretsState, SecretsStore } from './secrets-store.js';
import type { UiState, UiStore } from './ui-store.js';
import type { VersionsState, VersionsStore } from './versions-store.js';
import type { WorkspaceState, WorkspaceStore } from './workspace-store.js';

export interface AppStores {
  transport: Transport;
  designer: DesignerStore;
  workspace: WorkspaceStore;
  ui: UiStore;
  nav: NavStore;
  prefs: PrefsStore;
  identity: IdentityStore;
  runs: RunsStore;
  inbox: InboxStore;
  secrets: SecretsStore;
  pins: PinsStore;
  sampleRun: SampleRunStore;
  versions: VersionsStore;
}

const StoresContext = createContext<AppStores | null>(null);

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('useStores must be used inside <StoresProvider>');
  return stores;
}

/** Reads the designer store through a selector: the component re-renders only when the selected value changes. */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useStores().designer, selector);
}

export function useWorkspace<T>(selector: (state: WorkspaceState) => T): T {
  return useStore(useStores().workspace, selector);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useStores().ui, selector);
}

export function useNav<T>(selector: (state: NavState) => T): T {
  return useStore(useStores().nav, selector);
}

export function usePrefs<T>(selector: (state: PrefsState) => T): T {
  return useStore(useStores().prefs, selector);
}

export function useRuns<T>(selector: (state: RunsState) => T): T {
  return useStore(useStores().runs, selector);
}

export function useInbox<T>(selector: (state: InboxState) => T): T {
  return useStore(useStores().inbox, selector);
}

export function useIdentity<T>(selector: (state: IdentityState) => T): T {
  return useStore(useStores().identity, selector);
}

export function useSecrets<T>(selector: (state: SecretsState) => T): T {
  return useStore(useStores().secrets, selector);
}

export function usePins<T>(selector: (state: PinsState) => T): T {
  return useStore(useStores().pins, selector);
}

export function useSampleRun<T>(selector: (state: SampleRunState) => T): T {
  return useStore(useStores().sampleRun, selector);
}

export function useVersions<T>(selector: (state: VersionsState) => T): T {
  return useStore(useStores().versions, selector);
}
