import type { BackendApi, HistoryEvent, ReplayVerdictInfo, RunEventsMessage, RunRecord, Workflow } from '#shared';
import { graphOf } from '#engine';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { layoutPositions, needsLayout } from '../model/auto-layout.js';
import { setPositions } from '../model/document-ops.js';
import { toEditableDocument } from '../model/editable-document.js';
import { emptyNodeIndex, indexEvents, type NodeIndex } from '../run-model/node-index.js';
import { createTimeline, lastSeq, mergeEvents, type Timeline } from '../run-model/timeline.js';
import { UNREADABLE_WORKFLOW } from '../run-model/unreadable-workflow.js';
import { errorMessage } from '../transport/backend-error.js';

export const PLAY_SPEEDS = [1, 2, 5, 10, 25, 100] as const;

/** A replay check's verdict and the design it checked. */
export interface ReplayResult {
  readonly verdict: ReplayVerdictInfo;
  readonly design: string;
}

export interface RunViewState {
  runId: string;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  run: RunRecord | null;
  doc: Workflow | null;
  timeline: Timeline | null;
  index: NodeIndex;
  /** The event whose state is shown; null follows the newest event as it arrives. */
  selected: number | null;
  playing: boolean;
  /** Events per second while playing. */
  speed: number;
  replay: ReplayResult | null;
  /** The node whose data (input, output, error) is shown; null shows none. */
  selectedNode: string | null;
  /** What the side panel shows: the run's state at the seq, or the selected node's data. */
  sidePanel: 'state' | 'node';

  load(): Promise<void>;
  /** Fetches events the live stream may have missed (after an action, or after a gap). */
  catchUp(): Promise<void>;
  dispose(): void;
  select(seq: number | null): void;
  step(delta: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setReplay(replay: ReplayResult | null): void;
  /** Shows a node's data (and the node tab); null closes it. */
  selectNode(node: string | null): void;
  showSidePanel(panel: 'state' | 'node'): void;
}

export type RunViewStore = StoreApi<RunViewState>;

export interface RunViewDeps {
  api: BackendApi;
  subscribe: (listener: (message: RunEventsMessage) => void) => () => void;
  setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
}

const ENDS = new Set<HistoryEvent['type']>(['run.completed', 'run.failed', 'run.cancelled', 'run.waiting']);

/** The seq shown: the selected one, or the newest. */
export function shownSeq(state: Pick<RunViewState, 'selected' | 'timeline'>): number {
  const last = state.timeline === null ? 0 : lastSeq(state.timeline);
  return state.selected === null ? last : Math.min(state.selected, last);
}

async function showable(value: unknown): Promise<Workflow | null> {
  const editable = toEditableDocument(value);
  if (!editable.ok) return null;
  if (!needsLayout(editable.doc)) return editable.doc;
  try {
    return setPositions(editable.doc, await layoutPositions(editable.doc));
  } catch {
    return editable.doc;
  }
}

/** One run as the run view shows it: its history folded in the page, live events appended. */
export function createRunViewStore(runId: string, deps: RunViewDeps): RunViewStore {
  const { api } = deps;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t: ReturnType<typeof setTimeout>) => clearTimeout(t));
  let buffered: HistoryEvent[] = [];
  let unsubscribe: (() => void) | undefined;
  let playTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  return createStore<RunViewState>()((set, get) => {
    const refreshRun = async (): Promise<void> => {
      try {
        const { run } = await api.getRun({ runId });
        if (!disposed) set({ run });
      } catch {
        // The run row only adds the end time; the history already shows the outcome.
      }
    };

    const add = (events: readonly HistoryEvent[]): void => {
      const { timeline, index } = get();
      if (timeline === null) {
        buffered.push(...events);
        return;
      }
      const merged = mergeEvents(timeline, events);
      if (merged.timeline !== timeline)
        set({ timeline: merged.timeline, index: indexEvents(index, merged.timeline.events.slice(index.seq)) });
      if (merged.gapFrom !== undefined) void get().catchUp();
      if (events.some((e) => ENDS.has(e.type))) void refreshRun();
    };

    const schedulePlay = (): void => {
      if (playTimer !== undefined) clearTimer(playTimer);
      playTimer = undefined;
      if (!get().playing || disposed) return;
      playTimer = setTimer(() => {
        const { timeline } = get();
        const seq = shownSeq(get());
        if (timeline === null || seq >= lastSeq(timeline)) {
          set({ playing: false });
          return;
        }
        set({ selected: seq + 1 });
        schedulePlay();
      }, 1000 / get().speed);
    };

    return {
      runId,
      status: 'loading',
      error: null,
      run: null,
      doc: null,
      timeline: null,
      index: emptyNodeIndex(),
      selected: null,
      playing: false,
      speed: 5,
      replay: null,
      selectedNode: null,
      sidePanel: 'state',

      async load() {
        // Subscribe first, so nothing committed between the fetch and the subscription is lost.
        unsubscribe ??= deps.subscribe((message) => {
          if (message.runId === runId) add(message.events);
        });
        try {
          const [detail, events] = await Promise.all([api.getRun({ runId }), api.getHistory({ runId })]);
          const doc = await showable(detail.workflow);
          if (disposed) return;
          const timeline = createTimeline(runId, events, graphOf(doc ?? UNREADABLE_WORKFLOW));
          set({
            run: detail.run,
            doc,
            timeline,
            index: indexEvents(emptyNodeIndex(), events),
            status: 'ready',
            error: doc === null ? 'The run has no workflow the canvas can show' : null,
          });
          const early = buffered;
          buffered = [];
          if (early.length > 0) add(early);
        } catch (err) {
          if (!disposed) set({ status: 'error', error: errorMessage(err) });
        }
      },
      async catchUp() {
        const { timeline } = get();
        if (timeline === null) return;
        try {
          const events = await api.getHistory({ runId, fromSeq: lastSeq(timeline) + 1 });
          if (!disposed && events.length > 0) add(events);
        } catch {
          // Live events will bring them; nothing to show here.
        }
      },
      dispose() {
        disposed = true;
        unsubscribe?.();
        if (playTimer !== undefined) clearTimer(playTimer);
      },
      select(seq) {
        const { timeline } = get();
        if (seq === null || timeline === null) {
          set({ selected: null });
          return;
        }
        const last = lastSeq(timeline);
        const clamped = Math.max(1, Math.min(Math.round(seq), last));
        set({ selected: clamped });
      },
      step(delta) {
        const { timeline } = get();
        if (timeline === null) return;
        get().select(shownSeq(get()) + delta);
      },
      setPlaying(playing) {
        const { timeline } = get();
        if (playing && timeline !== null && shownSeq(get()) >= lastSeq(timeline)) set({ selected: 1 });
        set({ playing });
        schedulePlay();
      },
      setSpeed(speed) {
        set({ speed });
        schedulePlay();
      },
      setReplay: (replay) => set({ replay }),
      selectNode: (node) => set({ selectedNode: node, sidePanel: node === null ? 'state' : 'node' }),
      showSidePanel(panel) {
        set({ sidePanel: panel === 'node' && get().selectedNode === null ? 'state' : panel });
      },
    };
  });
}
