import { SwitchyardError, type NodeKind, type WorkflowNode } from '#shared';
import { PINNABLE_KINDS } from '../model/node-ports.js';
import type { TaskGate } from '../ports.js';

/** Kinds that call real systems outside the run: never executed behind a person's back. */
const CALLS_OUT: ReadonlySet<NodeKind> = new Set(['http']);

export interface PinnedTasksOptions {
  /** Pinned outputs by node id; only nodes of a pinnable kind take theirs. */
  pins: ReadonlyMap<string, unknown>;
  /**
   * What stands in for a node that calls out (http) and has no pin. Default: it fails with
   * NOT_PINNED. A host may return its own promise (one that never settles while it stops the run),
   * or undefined to let the node call out for real.
   */
  unpinned?: (node: WorkflowNode) => Promise<{ output: unknown }> | undefined;
}

/**
 * The task port of a run on sample data: pinned nodes complete with their pinned output at once
 * (their executor never runs), unpinned nodes that would call a real system are refused, and every
 * other node runs as usual.
 *
 * @example
 * const tasks = pinnedTasks({ pins: new Map([['fetch', { status: 200, headers: {}, body: { amount: 1200 } }]]) });
 * const engine = new Engine({ ...ports, tasks });
 */
export function pinnedTasks(options: PinnedTasksOptions): TaskGate {
  const { pins, unpinned } = options;
  return (node) => {
    if (PINNABLE_KINDS.has(node.kind) && pins.has(node.id)) return Promise.resolve({ output: pins.get(node.id) });
    if (!CALLS_OUT.has(node.kind)) return undefined;
    if (unpinned !== undefined) return unpinned(node);
    return Promise.reject(
      new SwitchyardError(
        'NOT_PINNED',
        `${node.kind} node ${node.id} has no pinned output, and a run on sample data calls no real system`,
      ),
    );
  };
}

/** Whether node `node` calls a real system when it executes (and so needs a pin in a run on sample data). */
export function callsOut(node: WorkflowNode): boolean {
  return CALLS_OUT.has(node.kind);
}
