import type { RunFold } from '#engine';
import { executionsUpTo, type NodeIndex } from './node-index.js';

/** How a node looks on the run canvas at one point of the history. */
export type NodeRunStatus = 'idle' | 'active' | 'waiting' | 'retrying' | 'completed' | 'failed' | 'cancelled';

export interface NodeRunInfo {
  readonly status: NodeRunStatus;
  /** The current (or last) execution's attempt, 1-based; 0 when never run. */
  readonly attempt: number;
  /** Executions so far (more than one in loops). */
  readonly runs: number;
  /** The last execution's duration; for one still going, the time it has been going at this point. */
  readonly durationMs: number | undefined;
  /** Where the replay check found the new design acting differently. */
  readonly diverged: boolean;
  /** Changes whenever anything above does: the canvas re-renders a node only then. */
  readonly key: string;
}

function info(
  status: NodeRunStatus,
  attempt: number,
  runs: number,
  durationMs: number | undefined,
  diverged: boolean,
): NodeRunInfo {
  return { status, attempt, runs, durationMs, diverged, key: `${status}|${attempt}|${runs}|${durationMs}|${diverged}` };
}

/**
 * Each node's status after event `seq`: active (running or ready), waiting (approval, wait,
 * delay, join), retrying (between attempts), completed (has an output and is not active),
 * failed (its latest execution failed), cancelled (entered, then cut off), else idle.
 *
 * @param atMs the time of event `seq`: how long unfinished executions have been going.
 */
export function nodeStatuses(
  nodeIds: readonly string[],
  fold: RunFold,
  index: NodeIndex,
  seq: number,
  atMs: number,
  divergedNode?: string,
): Map<string, NodeRunInfo> {
  const active = new Map(fold.active.map((a) => [a.node, a]));
  const result = new Map<string, NodeRunInfo>();
  for (const id of nodeIds) {
    const list = index.executions.get(id) ?? [];
    const runs = executionsUpTo(list, seq);
    const last = runs > 0 ? list[runs - 1] : undefined;
    const finished = last?.endSeq !== undefined && last.endSeq <= seq;
    const duration =
      last === undefined ? undefined : finished ? (last.endAt ?? atMs) - last.enteredAt : atMs - last.enteredAt;
    const diverged = id === divergedNode;
    const entry = active.get(id);
    const step = fold.steps[id];
    if (entry !== undefined) {
      const status = entry.phase === 'retry-wait' ? 'retrying' : entry.phase === 'waiting' ? 'waiting' : 'active';
      result.set(id, info(status, entry.attempt, runs, duration, diverged));
    } else if (step !== undefined) {
      const status = step.error !== undefined && step.output === undefined ? 'failed' : 'completed';
      result.set(id, info(status, step.attempts, runs, finished ? duration : undefined, diverged));
    } else if (runs > 0) {
      result.set(id, info('cancelled', 1, runs, duration, diverged));
    } else {
      result.set(id, info('idle', 0, 0, undefined, diverged));
    }
  }
  return result;
}

/** The edges (by `from:port->to` key) taken at or before `seq`. */
export function takenEdges(index: NodeIndex, seq: number): Set<string> {
  const taken = new Set<string>();
  for (const [key, first] of index.edges) if (first <= seq) taken.add(key);
  return taken;
}
