import type { WorkflowGraph } from '../model/workflow-graph.js';
import type { NamedRef } from './machine-config.js';

/** Where a state lives: the machine's top level or one region of a parallel state. */
export interface Scope {
  /** `#id` of the final state that ends this container (a branch, or the whole machine). */
  done: string;
  /** The join closing the enclosing block: an edge into it ends the branch. */
  join: string | undefined;
}

/** Top-level final state for runs that complete without an `end` node (output null). */
export const DONE_STATE = '_done';
/** Top-level final state for a failure nothing handles (no `error` edge, no `timeout` edge). */
export const FAILED_STATE = '_failed';

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

/** Where a failure goes: the port's edge if there is one, else the run fails. */
export function failureTarget(graph: WorkflowGraph, node: string, port: 'error' | 'timeout', scope: Scope): string {
  const edge = graph.outgoing(node, port)[0];
  return edge === undefined ? stateRef(FAILED_STATE) : edgeTarget(edge.to, scope);
}

export function expressionGuard(node: string, expression: string, port: string): NamedRef {
  return { type: 'expression', params: { node, expression, port } };
}
