import type { WorkflowGraph } from '../model/workflow-graph.js';
import type { NamedRef } from './machine-config.js';

/** Where a state lives: the machine's top level or one region of a parallel state. */
export interface Scope {
  /** `#id` of the final state that ends this container (a branch, or the whole machine). */
  done: string;
  /** The join closing the enclosing block: an edge into it ends the branch. */
  join: string | undefined;
}

/** Top-level final state of a completed run (an `end` node, or nothing left to do). */
export const COMPLETED_STATE = '_completed';
/** Top-level state a run goes to when it fails: compensations run from here, then `_failed`. */
export const FAILING_STATE = '_failing';
/** Top-level final state of a failed run. */
export const FAILED_STATE = '_failed';
/** Top-level final state of a cancelled run. */
export const CANCELLED_STATE = '_cancelled';

/** The events a host sends that no node produces. */
export const RUN_CANCEL = 'RUN.CANCEL';
export const RUN_FAIL = 'RUN.FAIL';

/** The event types XState uses for an invoked actor's outcome; nodes are the actors here. */
export const doneEvent = (node: string): string => `xstate.done.actor.${node}`;
export const errorEvent = (node: string): string => `xstate.error.actor.${node}`;
/** The event of a state's `after` transition (XState's own naming): a node's timeout falling due. */
export const afterEvent = (ms: number, node: string): string => `xstate.after.${ms}.${node}`;

export function stateRef(id: string): string {
  return `#${id}`;
}

/** Target of an edge into `to`: an edge into the closing join ends the branch. */
export function edgeTarget(to: string, scope: Scope): string {
  return to === scope.join ? scope.done : stateRef(to);
}

/** Target of a node's port; an unconnected port ends the branch. */
export function portTarget(graph: WorkflowGraph, node: string, port: string, scope: Scope): string {
  const edge = graph.outgoing(node, port)[0];
  return edge === undefined ? scope.done : edgeTarget(edge.to, scope);
}

/** The `enter`/`leave` actions by which a host learns that the machine entered or left a node. */
export function nodeActions(node: string): { entry: NamedRef[]; exit: NamedRef[] } {
  return { entry: [{ type: 'enter', params: { node } }], exit: [{ type: 'leave', params: { node } }] };
}

/** Guard on the port a node's outcome names (`event.output.port`). */
export function portGuard(port: string): NamedRef {
  return { type: 'port', params: { port } };
}
