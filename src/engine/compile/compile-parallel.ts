import type { NodeOfKind, WorkflowNode } from '#shared';
import type { BlockBranch } from '../model/block-analysis.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';
import { errorTransition } from './compile-node.js';
import { doneEvent, edgeTarget, errorEvent, nodeActions, type Scope, stateRef } from './compile-scope.js';
import type { StateJson, TransitionJson } from './machine-config.js';

type CompileStates = (ids: readonly string[], scope: Scope) => { [key: string]: StateJson };

const BRANCH_ENTRY = '_branch';
const BRANCH_DONE = '_done';
const BRANCH_SKIPPED = '_skipped';

/**
 * A parallel node is a compound state: `run` waits for the node's outcome (which names the
 * branches whose `when` held), then `block`, a `type: "parallel"` state with one region
 * (`b1`, `b2`, …) per outgoing edge, each ending in its final state `_done` when the branch
 * reaches the join. The join is a state of its own, next to the parallel node, entered when
 * the block is over — by the join's mode:
 * - `all`: `onDone` (every region final; a branch skipped by its `when` is final at once).
 * - `first` / `count`: each arrival runs `branchDone {join}`, and an eventless transition
 *   guarded by `joinReady {join, count}` leaves once enough branches arrived; when every
 *   branch is over first, `onDone` enters the join anyway and the join fails the run.
 * Leaving the block leaves every node still running in it (the host abandons their work).
 */
export function compileParallel(
  graph: WorkflowGraph,
  node: NodeOfKind<'parallel'>,
  scope: Scope,
  compileStates: CompileStates,
): StateJson {
  const join = graph.blockOfParallel(node.id)?.join;
  const next: TransitionJson = { target: join === undefined ? scope.done : stateRef(join) };
  const branches = graph.branchesOf(node.id);
  const blockId = `${node.id}/block`;
  const run: StateJson = {
    id: `${node.id}/run`,
    ...nodeActions(node.id),
    on: {
      [doneEvent(node.id)]: branches.length === 0 ? next : { target: stateRef(blockId) },
      [errorEvent(node.id)]: errorTransition(graph, node, scope),
    },
  };
  const regions = branches.map((branch, i) => ({ key: `b${i + 1}`, id: `${node.id}/b${i + 1}`, branch }));
  const states = Object.fromEntries(
    regions.map((r) => [r.key, region(graph, node.id, r.id, r.branch, join, compileStates)]),
  );
  const joinNode: WorkflowNode | undefined = join === undefined ? undefined : graph.node(join);
  const mode = joinNode === undefined ? 'all' : joinMode(joinNode);
  const count = joinNode?.kind === 'join' ? joinNode.config?.count : undefined;
  const needed = mode === 'first' ? 1 : mode === 'count' ? (count ?? regions.length) : undefined;
  const block: StateJson = { id: blockId, type: 'parallel', states, onDone: next };
  if (join !== undefined && needed !== undefined) {
    block.entry = [{ type: 'joinReset', params: { join } }];
    block.always = { guard: { type: 'joinReady', params: { join, count: needed } }, ...next };
  }
  return { id: node.id, meta: { kind: node.kind }, initial: 'run', states: { run, block } };
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
  if (join !== undefined) {
    // Reaching `_done` is the branch arriving at the join: the host records it as an entry of
    // the join; `first`/`count` joins count arrivals (a skipped branch never arrives).
    const mode = joinMode(graph.node(join));
    final.entry = [
      { type: 'arrive', params: { join } },
      // A branch straight from the parallel node to the join finished no work: it does not count.
      ...(mode === 'all' || branch.edge.to === join ? [] : [{ type: 'branchDone', params: { join } }]),
    ];
  }
  const states: { [key: string]: StateJson } = { ...nodeStates, [BRANCH_DONE]: final };
  if (branch.edge.when !== undefined) {
    // The parallel node's outcome lists the branches whose `when` held; the others are skipped.
    const skipped = `${id}/${BRANCH_SKIPPED}`;
    const started = { type: 'branch', params: { parallel, to: branch.edge.to } };
    states[BRANCH_ENTRY] = {
      id: `${id}/${BRANCH_ENTRY}`,
      always: [{ guard: started, target: head }, { target: stateRef(skipped) }],
    };
    states[BRANCH_SKIPPED] = { id: skipped, type: 'final' };
    return { id, initial: BRANCH_ENTRY, states };
  }
  if (branch.nodes.has(branch.edge.to)) return { id, initial: branch.edge.to, states };
  // The branch goes straight to the join, or to an end/fail node at the top level.
  states[BRANCH_ENTRY] = { id: `${id}/${BRANCH_ENTRY}`, always: { target: head } };
  return { id, initial: BRANCH_ENTRY, states };
}

function joinMode(node: WorkflowNode): 'all' | 'first' | 'count' {
  return node.kind === 'join' ? (node.config?.mode ?? 'all') : 'all';
}
