import type { Workflow } from '#shared';
import { isError, type Problem } from '../model/problem.js';
import { validateWorkflow } from '../model/validate-workflow.js';
import { graphOf } from '../model/workflow-graph.js';
import { compileNode } from './compile-node.js';
import { compileParallel } from './compile-parallel.js';
import { DONE_STATE, FAILED_STATE, type Scope, stateRef } from './compile-scope.js';
import type { MachineConfigJson, StateJson } from './machine-config.js';

export interface CompileResult {
  /** undefined when the document has errors (they are in `diagnostics`). */
  config: MachineConfigJson | undefined;
  /** The validator's problems: warnings only when `config` is set. */
  diagnostics: Problem[];
}

/**
 * Compiles a workflow document to a plain-JSON XState v5 machine config (DESIGN §3).
 * Every node's state has `id: <node id>`, so transitions target `#<node id>` at any depth;
 * end/fail nodes are top-level finals, as are `_done` (completed without an end node) and
 * `_failed` (a failure with no edge to follow), which node ids can never collide with.
 * Nodes not reachable from start (compensation-only ones included) get no state: the
 * runtime runs compensations on its own.
 *
 * @example
 * const { config, diagnostics } = compileWorkflow(doc);
 * if (config) console.log(JSON.stringify(config, null, 2));
 */
export function compileWorkflow(doc: Workflow): CompileResult {
  const diagnostics = validateWorkflow(doc);
  if (diagnostics.some(isError)) return { config: undefined, diagnostics };
  const graph = graphOf(doc);
  const startId = graph.startId;
  if (startId === undefined) return { config: undefined, diagnostics };

  const compileStates = (ids: readonly string[], scope: Scope): { [key: string]: StateJson } => {
    const states: { [key: string]: StateJson } = {};
    for (const id of ids) {
      const node = graph.node(id);
      states[id] =
        node.kind === 'parallel' ? compileParallel(graph, node, scope, compileStates) : compileNode(graph, node, scope);
    }
    return states;
  };

  const topLevel = doc.nodes
    .filter((n) => graph.reachable.has(n.id))
    .filter(
      (n) =>
        n.kind === 'end' ||
        n.kind === 'fail' ||
        (graph.enclosingBlock(n.id) === undefined && graph.parallelOfJoin(n.id) === undefined),
    )
    .map((n) => n.id);
  const states = compileStates(topLevel, { done: stateRef(DONE_STATE), join: undefined });
  const text = JSON.stringify(states);
  if (text.includes(`"${stateRef(DONE_STATE)}"`)) states[DONE_STATE] = { id: DONE_STATE, type: 'final' };
  if (text.includes(`"${stateRef(FAILED_STATE)}"`)) states[FAILED_STATE] = { id: FAILED_STATE, type: 'final' };
  return { config: { id: doc.id, initial: startId, states }, diagnostics };
}
