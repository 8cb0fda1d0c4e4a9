import { applyEvent, emptyFold, type RunFold, type WorkflowGraph } from '#engine';
import type { HistoryEvent } from '#shared';

/** A snapshot of the fold every this many events: any seq is at most this many events from one. */
export const SNAPSHOT_EVERY = 500;

/**
 * A run's history held in the page for time travel: the events, snapshots of the engine's
 * fold every SNAPSHOT_EVERY events, and the fold after the last event. Nothing here runs a
 * task: states are rebuilt from the log alone, as the engine's own stateAt does.
 */
export interface Timeline {
  readonly runId: string;
  /** The run's own workflow: its machine routes the fold. */
  readonly graph: WorkflowGraph;
  /** `events[i]` has seq `i + 1`. */
  readonly events: readonly HistoryEvent[];
  /** `snapshots[k]` is the fold after seq `k * SNAPSHOT_EVERY` (`snapshots[0]` is the empty fold). */
  readonly snapshots: readonly RunFold[];
  /** The fold after the last event. */
  readonly head: RunFold;
}

export function lastSeq(timeline: Timeline): number {
  return timeline.events.length;
}

/** Folds `events` (seq 1..N, no gaps) once, keeping snapshots on the way. */
export function createTimeline(runId: string, events: readonly HistoryEvent[], graph: WorkflowGraph): Timeline {
  return extend({ runId, graph, events: [], snapshots: [emptyFold(runId)], head: emptyFold(runId) }, events);
}

function extend(timeline: Timeline, more: readonly HistoryEvent[]): Timeline {
  if (more.length === 0) return timeline;
  const events = [...timeline.events];
  const snapshots = [...timeline.snapshots];
  const head = structuredClone(timeline.head);
  for (const event of more) {
    events.push(event);
    applyEvent(head, event, timeline.graph);
    if (event.seq % SNAPSHOT_EVERY === 0) snapshots.push(structuredClone(head));
  }
  return { runId: timeline.runId, graph: timeline.graph, events, snapshots, head };
}

export type MergeResult = { timeline: Timeline; gapFrom?: number };

/**
 * Adds live events: those already held are skipped, the next ones appended. When the
 * events skip ahead of the history (a message was missed), `gapFrom` is the first seq to
 * fetch before these can be added.
 */
export function mergeEvents(timeline: Timeline, incoming: readonly HistoryEvent[]): MergeResult {
  const fresh: HistoryEvent[] = [];
  let next = lastSeq(timeline) + 1;
  for (const event of [...incoming].sort((a, b) => a.seq - b.seq)) {
    if (event.seq < next) continue;
    if (event.seq > next) return { timeline: extend(timeline, fresh), gapFrom: next };
    fresh.push(event);
    next += 1;
  }
  return { timeline: extend(timeline, fresh) };
}

/** The fold after event `seq` (0: before the first), from the nearest snapshot and at most SNAPSHOT_EVERY - 1 events. */
export function foldAtSeq(timeline: Timeline, seq: number): RunFold {
  const last = lastSeq(timeline);
  const at = Math.max(0, Math.min(Math.floor(seq), last));
  if (at === last) return structuredClone(timeline.head);
  const k = Math.min(Math.floor(at / SNAPSHOT_EVERY), timeline.snapshots.length - 1);
  const base = timeline.snapshots[k] ?? timeline.snapshots[0];
  const fold = structuredClone(base ?? emptyFold(timeline.runId));
  for (let s = k * SNAPSHOT_EVERY + 1; s <= at; s++) {
    const event = timeline.events[s - 1];
    if (event !== undefined) applyEvent(fold, event, timeline.graph);
  }
  return fold;
}

/** The event with this seq. */
export function eventAt(timeline: Timeline, seq: number): HistoryEvent | undefined {
  return timeline.events[seq - 1];
}

/** The seq of the last event about `node` (what clicking the node on the run canvas selects). */
export function latestEventOf(timeline: Timeline, node: string): number | undefined {
  for (let i = timeline.events.length - 1; i >= 0; i--) {
    const event = timeline.events[i];
    if (event?.node === node) return event.seq;
  }
  return undefined;
}
