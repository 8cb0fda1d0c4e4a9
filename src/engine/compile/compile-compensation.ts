import type { WorkflowGraph } from '../model/workflow-graph.js';
import { doneEvent, errorEvent, FAILED_STATE, FAILING_STATE, stateRef } from './compile-scope.js';
import type { StateJson, TransitionJson } from './machine-config.js';

/** State id of compensation node `id` while the saga runs it. */
export const compensationStateId = (id: string): string => `${id}/compensation`;

/**
 * The saga (DESIGN §2): `_failing` runs the compensations of the completed nodes, last
 * completed first, then ends in `_failed`. Nodes with a `compensation` record their
 * completion in the context (`completed` action); the `compensation` guard picks the state of
 * the next one to run, and each compensation, done or failed, counts itself (`compensated`)
 * and goes back to `_failing`. Without compensations `_failing` is only a way to `_failed`.
 */
export function compileCompensations(
  graph: WorkflowGraph,
  nodeStates: { readonly [key: string]: StateJson },
): { [key: string]: StateJson } {
  const undoneBy = new Map<string, string[]>();
  for (const node of graph.doc.nodes) {
    if (node.compensation === undefined || !graph.hasNode(node.compensation)) continue;
    undoneBy.set(node.compensation, [...(undoneBy.get(node.compensation) ?? []), node.id]);
  }
  const toFailed: TransitionJson = { target: stateRef(FAILED_STATE) };
  if (undoneBy.size === 0) return { [FAILING_STATE]: { id: FAILING_STATE, always: toFailed } };
  const states: { [key: string]: StateJson } = {};
  const choices: TransitionJson[] = [];
  for (const [compensation, nodes] of undoneBy) {
    const id = compensationStateId(compensation);
    const back: TransitionJson = { target: stateRef(FAILING_STATE), actions: [{ type: 'compensated' }] };
    const key = compensation in nodeStates ? id : compensation;
    states[key] = {
      id,
      meta: { kind: graph.node(compensation).kind },
      entry: [{ type: 'enter', params: { node: compensation, compensation: true } }],
      exit: [{ type: 'leave', params: { node: compensation } }],
      on: { [doneEvent(compensation)]: back, [errorEvent(compensation)]: back },
    };
    choices.push({ guard: { type: 'compensation', params: { for: nodes } }, target: stateRef(id) });
  }
  return { [FAILING_STATE]: { id: FAILING_STATE, always: [...choices, toFailed] }, ...states };
}
