import type { WorkflowNode } from '#shared';
import { outPorts, TASK_KINDS, WAITING_KINDS } from '../model/node-ports.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import {
  COMPLETED_STATE,
  doneEvent,
  errorEvent,
  FAILING_STATE,
  nodeActions,
  portGuard,
  portTarget,
  type Scope,
  stateRef,
} from './compile-scope.js';
import type { NamedRef, StateJson, TransitionJson, TransitionsJson } from './machine-config.js';

/**
 * The transitions a node's outcome takes: one per output port (guarded by the port the
 * outcome names when there are several), to `_completed` for `end` and to `_failing` for
 * `fail`. A node with a `compensation` records its completion for the saga.
 */
export function doneTransitions(graph: WorkflowGraph, node: WorkflowNode, scope: Scope): TransitionsJson {
  const actions: NamedRef[] | undefined =
    node.compensation === undefined ? undefined : [{ type: 'completed', params: { node: node.id } }];
  const self = stateRef(node.id);
  const withActions = (t: TransitionJson): TransitionJson => {
    const reentered = t.target === self ? { ...t, reenter: true } : t;
    return actions ? { ...reentered, actions } : reentered;
  };
  if (node.kind === 'end') return withActions({ target: stateRef(COMPLETED_STATE) });
  if (node.kind === 'fail') return withActions({ target: stateRef(FAILING_STATE) });
  const ports = outPorts(node).filter((p) => p !== 'error');
  const [only] = ports;
  if (ports.length === 1 && only !== undefined) return withActions({ target: portTarget(graph, node.id, only, scope) });
  return ports.map((port) => withActions({ guard: portGuard(port), target: portTarget(graph, node.id, port, scope) }));
}

/** Where a failure goes: a task's `error` edge if it has one, else the run fails. */
export function errorTransition(graph: WorkflowGraph, node: WorkflowNode, scope: Scope): TransitionJson {
  const handled = TASK_KINDS.has(node.kind) && graph.outgoing(node.id, 'error').length > 0;
  const target = handled ? portTarget(graph, node.id, 'error', scope) : stateRef(FAILING_STATE);
  return target === stateRef(node.id) ? { target, reenter: true } : { target };
}

/**
 * An approval's or wait's timeout: XState's `after` transition, taken when the host's durable
 * timer fires (it feeds `xstate.after.MS.ID`). It tells the host how the node ends: by its
 * `timeout` port when an edge leaves it, else by failing with TIMEOUT.
 */
export function timeoutTransition(graph: WorkflowGraph, node: WorkflowNode): StateJson['after'] {
  if (!WAITING_KINDS.has(node.kind) || node.timeoutMs === undefined) return undefined;
  const fails = graph.outgoing(node.id, 'timeout').length === 0;
  return { [node.timeoutMs]: { actions: [{ type: 'timedOut', params: { node: node.id, fails } }] } };
}

/**
 * The state of one node (parallel nodes: compile-parallel.ts). The node is the actor: its
 * state waits for `xstate.done.actor.<id>` (output `{port}`) or `xstate.error.actor.<id>`,
 * which the host sends once the node's work is done and recorded; entering and leaving the
 * state run the `enter`/`leave` actions that tell the host to start or abandon that work.
 */
export function compileNode(graph: WorkflowGraph, node: WorkflowNode, scope: Scope): StateJson {
  const after = timeoutTransition(graph, node);
  return {
    id: node.id,
    meta: { kind: node.kind },
    ...nodeActions(node.id),
    on: {
      [doneEvent(node.id)]: doneTransitions(graph, node, scope),
      [errorEvent(node.id)]: errorTransition(graph, node, scope),
    },
    ...(after === undefined ? {} : { after }),
  };
}
