import { applyEvent, type RunFold } from '#engine';
import type { HistoryEvent } from '#shared';
import { contextChanges, type Change } from './context-diff.js';
import type { NodeIndex } from './node-index.js';
import { nodeStatuses, takenEdges, type NodeRunInfo } from './node-status.js';
import { eventAt, foldAtSeq, type Timeline } from './timeline.js';

/** The run's context as DESIGN §4 states it. */
export type RunContext = {
  input: unknown;
  vars: Record<string, unknown>;
  steps: RunFold['steps'];
};

/** Everything the run view shows for one selected event. */
export interface RunSnapshot {
  readonly seq: number;
  readonly event: HistoryEvent | undefined;
  readonly fold: RunFold;
  readonly context: RunContext;
  /** What this event changed in the context. */
  readonly changes: ReadonlyMap<string, Change>;
  readonly nodes: ReadonlyMap<string, NodeRunInfo>;
  readonly taken: ReadonlySet<string>;
}

function contextOf(fold: RunFold): RunContext {
  return { input: fold.input, vars: fold.vars, steps: fold.steps };
}

/** The state after event `seq` and the state just before it (one fold, one more event). */
export function snapshotAt(
  timeline: Timeline,
  index: NodeIndex,
  seq: number,
  nodeIds: readonly string[],
  divergedNode?: string,
  /** The time unfinished nodes are measured to (default: the event's time; now, for a live run's newest state). */
  nowMs?: number,
): RunSnapshot {
  const event = eventAt(timeline, seq);
  const before = foldAtSeq(timeline, Math.max(0, seq - 1));
  const prevContext = structuredClone(contextOf(before));
  const fold = before;
  if (event !== undefined && seq >= 1) applyEvent(fold, event, timeline.graph);
  const context = contextOf(fold);
  // Before the run started there is nothing to compare with.
  const changes = seq <= 1 ? new Map<string, Change>() : contextChanges(prevContext, context);
  const atMs = nowMs ?? (event === undefined ? Date.now() : Date.parse(event.at));
  return {
    seq,
    event,
    fold,
    context,
    changes,
    nodes: nodeStatuses(nodeIds, fold, index, seq, atMs, divergedNode),
    taken: takenEdges(index, seq),
  };
}
