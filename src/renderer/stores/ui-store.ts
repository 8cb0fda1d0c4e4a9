import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Route } from '../run-model/run-route.js';

export type Theme = 'light' | 'dark';

/** A page a toast offers to go to, e.g. the run an approval just moved on. */
export interface ToastLink {
  label: string;
  route: Route;
}

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  message: string;
  link?: ToastLink;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger: boolean;
  resolve: (ok: boolean) => void;
}

export interface PromptRequest {
  title: string;
  label: string;
  initial: string;
  confirmLabel: string;
  validate: (value: string) => string | undefined;
  resolve: (value: string | undefined) => void;
}

/** A way out offered next to a refusal (e.g. "Insert a parallel block"). */
export interface RefusalAction {
  label: string;
  run: () => void;
}

/** The side panels that fold away to widen the canvas. */
export type Panel = 'sidebar' | 'inspector';

/** What the canvas should do with its viewport next (nonce makes repeated requests distinct). */
export type ViewRequest = { kind: 'fit'; nonce: number } | { kind: 'focus'; nodes: readonly string[]; nonce: number };

export interface UiState {
  theme: Theme;
  problemsOpen: boolean;
  statechartOpen: boolean;
  openDialogOpen: boolean;
  toasts: readonly Toast[];
  /** Why the last connection attempt was refused; cleared after a few seconds. */
  refusal: { message: string; nonce: number; action?: RefusalAction } | null;
  /** Side panels shown (false: folded to a thin strip). */
  panels: Readonly<Record<Panel, boolean>>;
  /** The "find node" box over the canvas. */
  findOpen: boolean;
  confirmRequest: ConfirmRequest | null;
  promptRequest: PromptRequest | null;
  viewRequest: ViewRequest | null;

  toggleTheme(): void;
  setProblemsOpen(open: boolean): void;
  setStatechartOpen(open: boolean): void;
  setOpenDialogOpen(open: boolean): void;
  notify(tone: Toast['tone'], message: string, link?: ToastLink): void;
  dismissToast(id: number): void;
  refuse(message: string, action?: RefusalAction): void;
  togglePanel(panel: Panel): void;
  setFindOpen(open: boolean): void;
  clearRefusal(): void;
  confirm(
    request: Omit<ConfirmRequest, 'resolve' | 'danger' | 'confirmLabel'> &
      Partial<Pick<ConfirmRequest, 'danger' | 'confirmLabel'>>,
  ): Promise<boolean>;
  answerConfirm(ok: boolean): void;
  prompt(
    request: Omit<PromptRequest, 'resolve' | 'validate' | 'confirmLabel'> &
      Partial<Pick<PromptRequest, 'validate' | 'confirmLabel'>>,
  ): Promise<string | undefined>;
  answerPrompt(value: string | undefined): void;
  fitView(): void;
  focusNodes(nodes: readonly string[]): void;
}

export type UiStore = StoreApi<UiState>;

const THEME_KEY = 'switchyard.theme';
const PANELS_KEY = 'switchyard.panels';

export interface UiStoreOptions {
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  prefersDark?: boolean;
  toastMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export function createUiStore(options: UiStoreOptions = {}): UiStore {
  const { storage, prefersDark = false, toastMs = 5000 } = options;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const saved = safeGet(storage, THEME_KEY);
  const theme: Theme = saved === 'dark' || saved === 'light' ? saved : prefersDark ? 'dark' : 'light';
  const panels = readPanels(safeGet(storage, PANELS_KEY));
  let nextToast = 1;
  let nonce = 1;

  return createStore<UiState>()((set, get) => ({
    theme,
    problemsOpen: true,
    statechartOpen: false,
    openDialogOpen: false,
    toasts: [],
    refusal: null,
    panels,
    findOpen: false,
    confirmRequest: null,
    promptRequest: null,
    viewRequest: null,

    toggleTheme() {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark';
      safeSet(storage, THEME_KEY, next);
      set({ theme: next });
    },
    setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
    setStatechartOpen: (statechartOpen) => set({ statechartOpen }),
    setOpenDialogOpen: (openDialogOpen) => set({ openDialogOpen }),
    notify(tone, message, link) {
      const id = nextToast++;
      set({ toasts: [...get().toasts.slice(-3), { id, tone, message, ...(link === undefined ? {} : { link }) }] });
      setTimer(() => get().dismissToast(id), tone === 'error' ? toastMs * 2 : toastMs);
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    refuse(message, action) {
      const refusal = { message, nonce: nonce++, ...(action === undefined ? {} : { action }) };
      set({ refusal });
      // A refusal with a way out stays long enough to take it.
      setTimer(
        () => {
          if (get().refusal === refusal) set({ refusal: null });
        },
        action === undefined ? 4000 : 10_000,
      );
    },
    togglePanel(panel) {
      const next = { ...get().panels, [panel]: !get().panels[panel] };
      safeSet(storage, PANELS_KEY, JSON.stringify(next));
      set({ panels: next });
    },
    setFindOpen: (findOpen) => set({ findOpen }),
    clearRefusal: () => set({ refusal: null }),
    confirm(request) {
      get().confirmRequest?.resolve(false);
      return new Promise<boolean>((resolve) => {
        set({ confirmRequest: { danger: false, confirmLabel: 'OK', ...request, resolve } });
      });
    },
    answerConfirm(ok) {
      const request = get().confirmRequest;
      set({ confirmRequest: null });
      request?.resolve(ok);
    },
    prompt(request) {
      get().promptRequest?.resolve(undefined);
      return new Promise<string | undefined>((resolve) => {
        set({ promptRequest: { validate: () => undefined, confirmLabel: 'OK', ...request, resolve } });
      });
    },
    answerPrompt(value) {
      const request = get().promptRequest;
      set({ promptRequest: null });
      request?.resolve(value);
    },
    fitView: () => set({ viewRequest: { kind: 'fit', nonce: nonce++ } }),
    focusNodes: (nodes) => set({ viewRequest: { kind: 'focus', nodes, nonce: nonce++ } }),
  }));
}

const SavedPanels = z.object({ sidebar: z.boolean().optional(), inspector: z.boolean().optional() });

function readPanels(text: string | null): Record<Panel, boolean> {
  let saved: unknown;
  try {
    saved = JSON.parse(text ?? '{}');
  } catch {
    // A damaged entry shows both panels.
  }
  const panels = SavedPanels.safeParse(saved).data;
  return { sidebar: panels?.sidebar ?? true, inspector: panels?.inspector ?? true };
}

function safeGet(storage: UiStoreOptions['storage'], key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(storage: UiStoreOptions['storage'], key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the theme then lasts for this session only.
  }
}
