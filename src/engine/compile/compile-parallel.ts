import type { NodeOfKind, WorkflowNode } from '#shared';
import type { BlockBranch } from '../model/block-analysis.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import { edgeTarget, expressionGuard, portTarget, type Scope, stateRef } from './compile-scope.js';
import type { StateJson, TransitionJson } from './machine-config.js';

type CompileStates = (ids: readonly string[], scope: Scope) => { [key: string]: StateJson };

const BRANCH_ENTRY = '_branch';
const BRANCH_DONE = '_done';

/**
 * A parallel…join block is a `type: "parallel"` state with one region (`b1`, `b2`, …) per
 * outgoing edge; each region ends in its final state `_done`. The join itself has no
 * state: its mode decides when the block moves on to the join's successor.
 * - `all`: `onDone` (every region final; a branch skipped by its `when` is final at once).
 * - `first`: the first `xstate.done.state.<region id>` event leaves the block.
 * - `count`: entering the block runs action `joinReset {join}`, each region's done event runs
 *   `branchDone {join, branch}`, and an eventless transition guarded by `joinReady {join,
 *   count}` leaves once enough branches finished; `onDone` still covers "all finished first".
 */
export function compileParallel(
  graph: WorkflowGraph,
  node: NodeOfKind<'parallel'>,
  scope: Scope,
  compileStates: CompileStates,
): StateJson {
  const block = graph.blockOfParallel(node.id);
  const join = block?.join;
  const next: TransitionJson = { target: join === undefined ? scope.done : portTarget(graph, join, 'out', scope) };
  const branches = graph.branchesOf(node.id);
  const base: StateJson = { id: node.id, meta: { kind: node.kind } };
  if (branches.length === 0) return { ...base, always: next };

  const regions = branches.map((branch, i) => ({ key: `b${i + 1}`, id: `${node.id}/b${i + 1}`, branch }));
  const states = Object.fromEntries(
    regions.map((r) => [r.key, region(graph, node.id, r.id, r.branch, join, compileStates)]),
  );
  const joinNode: WorkflowNode | undefined = join === undefined ? undefined : graph.node(join);
  const config = joinNode?.kind === 'join' ? joinNode.config : undefined;
  const doneEvent = (regionId: string): string => `xstate.done.state.${regionId}`;
  if (join !== undefined && config?.mode === 'first') {
    return {
      ...base,
      type: 'parallel',
      states,
      on: Object.fromEntries(regions.map((r) => [doneEvent(r.id), next])),
      onDone: next,
    };
  }
  if (join !== undefined && config?.mode === 'count') {
    return {
      ...base,
      type: 'parallel',
      states,
      entry: [{ type: 'joinReset', params: { join } }],
      on: Object.fromEntries(
        regions.map((r) => [doneEvent(r.id), { actions: [{ type: 'branchDone', params: { join, branch: r.key } }] }]),
      ),
      always: { guard: { type: 'joinReady', params: { join, count: config.count ?? regions.length } }, ...next },
      onDone: next,
    };
  }
  return { ...base, type: 'parallel', states, onDone: next };
}

function region(
  graph: WorkflowGraph,
  parallel: string,
  id: string,
  branch: BlockBranch,
  join: string | undefined,
  compileStates: CompileStates,
): StateJson {
  const done = `${id}/${BRANCH_DONE}`;
  const scope: Scope = { done: stateRef(done), join };
  const ids = graph.doc.nodes.filter((n) => branch.nodes.has(n.id)).map((n) => n.id);
  const nodeStates = compileStates(ids, scope);
  const head = edgeTarget(branch.edge.to, scope);
  const final: StateJson = { id: done, type: 'final' };
  const entry = (always: StateJson['always']): StateJson => ({
    id,
    initial: BRANCH_ENTRY,
    states: { [BRANCH_ENTRY]: { id: `${id}/${BRANCH_ENTRY}`, always }, ...nodeStates, [BRANCH_DONE]: final },
  });
  if (branch.edge.when !== undefined) {
    const when = expressionGuard(parallel, branch.edge.when, branch.edge.port ?? 'out');
    return entry([{ guard: when, target: head }, { target: scope.done }]);
  }
  if (branch.nodes.has(branch.edge.to))
    return { id, initial: branch.edge.to, states: { ...nodeStates, [BRANCH_DONE]: final } };
  if (head === scope.done) return { id, initial: BRANCH_DONE, states: { [BRANCH_DONE]: final } };
  // The branch goes straight to an end/fail node, which lives at the top level.
  return entry({ target: head });
}
