import type { Workflow } from '#shared';
import { isError, type Problem } from '../model/problem.js';
import { validateWorkflow } from '../model/validate-workflow.js';
import { graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { compileCompensations } from './compile-compensation.js';
import { compileNode } from './compile-node.js';
import { compileParallel } from './compile-parallel.js';
import {
  CANCELLED_STATE,
  COMPLETED_STATE,
  FAILED_STATE,
  FAILING_STATE,
  RUN_CANCEL,
  RUN_FAIL,
  type Scope,
  stateRef,
} from './compile-scope.js';
import type { MachineConfigJson, StateJson } from './machine-config.js';

export interface CompileResult {
  /** undefined when the document has errors (they are in `diagnostics`). */
  config: MachineConfigJson | undefined;
  /** The validator's problems: warnings only when `config` is set. */
  diagnostics: Problem[];
}

/**
 * Compiles a workflow document to a plain-JSON XState v5 machine config (DESIGN §3): the
 * machine that routes every run. Every node's state has `id: <node id>`, so transitions
 * target `#<node id>` at any depth. The top level also has `_completed`, `_failing` (where
 * the saga's compensations run), `_failed` and `_cancelled`, which node ids can never
 * collide with, and the host's `RUN.CANCEL` / `RUN.FAIL` events. Nodes not reachable from
 * start get no state, except compensation nodes, which `_failing` enters.
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
  return { config: compileGraph(graph, startId), diagnostics };
}

function compileGraph(graph: WorkflowGraph, startId: string): MachineConfigJson {
  const compileStates = (ids: readonly string[], scope: Scope): { [key: string]: StateJson } => {
    const states: { [key: string]: StateJson } = {};
    for (const id of ids) {
      const node = graph.node(id);
      if (node.kind !== 'parallel') {
        states[id] = compileNode(graph, node, scope);
        continue;
      }
      states[id] = compileParallel(graph, node, scope, compileStates);
      // The join lives next to its parallel node: the block enters it when it is over.
      const join = graph.blockOfParallel(id)?.join;
      if (join !== undefined) states[join] = compileNode(graph, graph.node(join), scope);
    }
    return states;
  };
  const topLevel = graph.doc.nodes
    .filter((n) => graph.reachable.has(n.id))
    .filter(
      (n) =>
        n.kind === 'end' ||
        n.kind === 'fail' ||
        (graph.enclosingBlock(n.id) === undefined && graph.parallelOfJoin(n.id) === undefined),
    )
    .map((n) => n.id);
  const states = compileStates(topLevel, { done: stateRef(COMPLETED_STATE), join: undefined });
  states[COMPLETED_STATE] = { id: COMPLETED_STATE, type: 'final' };
  Object.assign(states, compileCompensations(graph, states));
  states[FAILED_STATE] = { id: FAILED_STATE, type: 'final' };
  states[CANCELLED_STATE] = { id: CANCELLED_STATE, type: 'final' };
  return {
    id: graph.doc.id,
    initial: startId,
    context: {},
    states,
    on: { [RUN_CANCEL]: { target: stateRef(CANCELLED_STATE) }, [RUN_FAIL]: { target: stateRef(FAILING_STATE) } },
  };
}
