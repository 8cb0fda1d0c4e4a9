import { PINNABLE_KINDS } from '#engine';
import type { WorkflowPins } from '#shared';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDesigner, usePins, useStores } from '../stores/stores-context.js';
import { errorMessage } from '../transport/backend-error.js';
import { latestRunKey, loadLatestRun } from './latest-run.js';
import { NO_RUN_YET, withStepOutputs, type ScopeSourceState } from './scope-source.js';

const PreviewSourceContext = createContext<ScopeSourceState | null>(null);

/** Every expression preview below reads from `value` (the latest run, pinned sample data, …). */
export function PreviewSourceProvider({ value, children }: { value: ScopeSourceState; children: ReactNode }) {
  return <PreviewSourceContext.Provider value={value}>{children}</PreviewSourceContext.Provider>;
}

/** The source previews read from here: the nearest provider's, or "no run yet" without one. */
export function usePreviewSource(): ScopeSourceState {
  return useContext(PreviewSourceContext) ?? NO_RUN_YET;
}

/** How long after a run event the latest run is looked up again (events come in bursts). */
const RECHECK_MS = 600;

/**
 * Loads the newest run of the open workflow (by its id) and serves it to the previews
 * below; looks again when runs start, wait or end while the designer is open. Nothing is
 * loaded until `enabled` (something that previews is on screen); then it stays loaded.
 */
export function LatestRunSource({ enabled = true, children }: { enabled?: boolean; children: ReactNode }) {
  const { transport } = useStores();
  const workflowId = useDesigner((s) => s.doc?.id);
  const [state, setState] = useState<ScopeSourceState>({ status: 'loading' });
  // Which workflow previews have been asked for: stays set once enabled, until the workflow changes.
  const [wanted, setWanted] = useState<string | undefined>(undefined);
  if (enabled && workflowId !== undefined && wanted !== workflowId) setWanted(workflowId);

  useEffect(() => {
    if (workflowId === undefined || wanted !== workflowId) return;
    let disposed = false;
    let loadedKey: string | null | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const latest = await loadLatestRun(transport, workflowId);
        if (disposed) return;
        loadedKey = latest.key === 'none' ? null : latest.key;
        setState(latest.state);
      } catch (err) {
        if (!disposed) setState({ status: 'error', message: `cannot read the latest run: ${errorMessage(err)}` });
      }
    };
    const recheck = async (): Promise<void> => {
      try {
        const key = await latestRunKey(transport, workflowId);
        if (!disposed && key !== loadedKey) await load();
      } catch {
        // The next run event asks again.
      }
    };
    setState({ status: 'loading' });
    void load();
    const unsubscribe = transport.subscribe((message) => {
      if (!message.events.some((e) => e.type.startsWith('run.')) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void recheck();
      }, RECHECK_MS);
    });
    return () => {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      unsubscribe();
    };
  }, [transport, workflowId, wanted]);

  return <PreviewSourceProvider value={state}>{children}</PreviewSourceProvider>;
}

const NO_PINS: WorkflowPins = {};

/**
 * The open workflow's pinned sample outputs over the source around it: a pinned node's
 * `steps.ID.output` reads its pin in every preview below (as run to here would give it),
 * the rest still comes from the latest run. With no run yet, the pins alone are previewed.
 */
export function PinnedOutputsSource({ children }: { children: ReactNode }) {
  const base = usePreviewSource();
  const { pins } = useStores();
  const workflowId = useDesigner((s) => s.doc?.id);
  // Only kinds run to here gives pins for: a pure node's expressions always run.
  const pinnable = useDesigner(
    useShallow((s) => (s.doc?.nodes ?? []).filter((n) => PINNABLE_KINDS.has(n.kind)).map((n) => n.id)),
  );
  const pinned = usePins((s) => (s.workflowId === workflowId ? s.pins : NO_PINS));
  useEffect(() => {
    if (workflowId !== undefined) void pins.getState().load(workflowId);
  }, [pins, workflowId]);
  const outputs = useMemo(() => {
    const picked: Record<string, unknown> = {};
    for (const id of pinnable) {
      const pin = pinned[id];
      if (pin !== undefined) picked[id] = pin.output;
    }
    return picked;
  }, [pinned, pinnable]);
  const value = useMemo(() => withStepOutputs(base, outputs), [base, outputs]);
  return <PreviewSourceProvider value={value}>{children}</PreviewSourceProvider>;
}
