import type { NodeOfKind, WorkflowNode } from '#shared';
import { TASK_KINDS } from '../model/node-ports.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import { expressionGuard, failureTarget, FAILED_STATE, portTarget, type Scope, stateRef } from './compile-scope.js';
import type { StateJson, TransitionJson, TransitionsJson } from './machine-config.js';

/** The state of one node that is not a parallel block (compile-parallel.ts handles those). */
export function compileNode(graph: WorkflowGraph, node: WorkflowNode, scope: Scope): StateJson {
  const base: StateJson = { id: node.id, meta: { kind: node.kind } };
  const to = (port: string): TransitionJson => ({ target: portTarget(graph, node.id, port, scope) });
  switch (node.kind) {
    case 'start':
      // Waits for RUN.START so that a run is observably in `start` before it moves on.
      return { ...base, on: { 'RUN.START': to('out') } };
    case 'end':
    case 'fail':
      return { ...base, type: 'final' };
    case 'condition':
      return {
        ...base,
        always: [{ guard: expressionGuard(node.id, node.config.when, 'true'), ...to('true') }, to('false')],
      };
    case 'switch':
      return {
        ...base,
        always: [
          ...node.config.cases.map((c) => ({ guard: expressionGuard(node.id, c.when, c.port), ...to(c.port) })),
          to('default'),
        ],
      };
    case 'delay':
      return {
        ...base,
        after: { [typeof node.config.ms === 'number' ? String(node.config.ms) : `delay:${node.id}`]: to('out') },
      };
    case 'approval':
      return {
        ...base,
        on: {
          'APPROVAL.DECIDED': ['approved', 'rejected'].map((decision) => ({
            guard: { type: 'decision', params: { node: node.id, decision } },
            ...to(decision),
          })),
        },
        ...timeout(graph, node, scope),
      };
    case 'wait':
      return {
        ...base,
        on: Object.fromEntries(node.config.events.map((event) => [`SIGNAL.${event}`, to(event)])),
        ...timeout(graph, node, scope),
      };
    case 'join':
      // Only a join that closes no block gets here (validation rejects that); pass through.
      return { ...base, always: to('out') };
    case 'parallel':
      throw new Error('parallel nodes are compiled by compileParallel');
    default:
      return compileTask(graph, node, scope, base);
  }
}

function timeout(graph: WorkflowGraph, node: NodeOfKind<'approval' | 'wait'>, scope: Scope): Pick<StateJson, 'after'> {
  if (node.timeoutMs === undefined) return {};
  return { after: { [String(node.timeoutMs)]: { target: failureTarget(graph, node.id, 'timeout', scope) } } };
}

/**
 * Tasks invoke the actor named after their kind. With retries the state is compound:
 * `attempt` invokes; a failure (or timeout) goes to `retrying` while the `retry` guard
 * allows another attempt, and `retrying` waits the named delay `retry:<id>` (the backoff
 * depends on the attempt number, so it cannot be a constant).
 */
function compileTask(graph: WorkflowGraph, node: WorkflowNode, scope: Scope, base: StateJson): StateJson {
  const onDone = { target: portTarget(graph, node.id, 'out', scope) };
  const giveUp = {
    target: TASK_KINDS.has(node.kind) ? failureTarget(graph, node.id, 'error', scope) : stateRef(FAILED_STATE),
  };
  const maxAttempts = node.retry?.maxAttempts ?? 1;
  const attempt = (onError: TransitionsJson): StateJson => ({
    id: node.id,
    invoke: { id: node.id, src: node.kind, input: { node: node.id }, onDone, onError },
    ...(node.timeoutMs === undefined ? {} : { after: { [String(node.timeoutMs)]: onError } }),
  });
  if (maxAttempts <= 1) return { ...base, ...attempt(giveUp) };
  const retrying = `${node.id}/retrying`;
  const onError = [
    { guard: { type: 'retry', params: { node: node.id, maxAttempts } }, target: stateRef(retrying) },
    giveUp,
  ];
  return {
    ...base,
    initial: 'attempt',
    states: {
      attempt: { ...attempt(onError), id: `${node.id}/attempt` },
      retrying: { id: retrying, after: { [`retry:${node.id}`]: { target: stateRef(`${node.id}/attempt`) } } },
    },
  };
}
