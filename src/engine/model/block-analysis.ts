import type { WorkflowEdge, WorkflowNode } from '#shared';
import { edgeRef, type Problem } from './problem.js';

/** What block analysis needs from a graph (WorkflowGraph implements it). */
export interface GraphView {
  readonly doc: { nodes: readonly WorkflowNode[] };
  hasNode(id: string): boolean;
  node(id: string): WorkflowNode;
  outgoing(id: string): WorkflowEdge[];
  incoming(id: string): WorkflowEdge[];
  /** Nodes reachable from start: edges from other nodes are ignored by the runtime. */
  readonly reachable: ReadonlySet<string>;
}

export interface BlockBranch {
  /** The edge leaving the parallel node that starts this branch. */
  edge: WorkflowEdge;
  /** Nodes directly on this branch: nested parallels are included, their members and joins are not. */
  nodes: ReadonlySet<string>;
}

export interface BlockInfo {
  parallel: string;
  join: string | undefined;
  members: ReadonlySet<string>;
  branches: readonly BlockBranch[];
}

export interface BlockAnalysis {
  blocks: ReadonlyMap<string, BlockInfo>;
  problems: Problem[];
}

interface Step {
  id: string;
  via: WorkflowEdge;
}

function isTerminal(node: WorkflowNode): boolean {
  return node.kind === 'end' || node.kind === 'fail';
}

/**
 * Finds the structured parallel…join blocks: from each parallel node every branch is
 * walked forward (nested blocks are skipped over to their own join) up to the first join.
 */
export function analyzeBlocks(graph: GraphView): BlockAnalysis {
  const blocks = new Map<string, BlockInfo>();
  const inProgress = new Set<string>();
  const problems: Problem[] = [];
  const joinsSeen = new Set<string>();

  const successors = (id: string): WorkflowEdge[] => {
    const node = graph.node(id);
    if (node.kind !== 'parallel') return graph.outgoing(id);
    const inner = analyze(id);
    return inner?.join === undefined ? [] : graph.outgoing(inner.join);
  };

  function findJoins(parallel: string): string[] {
    const joins: string[] = [];
    const visited = new Set<string>();
    // Reversed pushes make the depth-first walk visit branches and edges in document order.
    const stack = graph
      .outgoing(parallel)
      .map((e) => e.to)
      .reverse();
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (visited.has(id) || id === parallel || !graph.hasNode(id)) continue;
      visited.add(id);
      const node = graph.node(id);
      if (node.kind === 'join') {
        joinsSeen.add(id);
        if (!joins.includes(id)) joins.push(id);
      } else if (!isTerminal(node)) {
        stack.push(
          ...successors(id)
            .map((e) => e.to)
            .reverse(),
        );
      }
    }
    return joins;
  }

  /**
   * Whether a node can be reached from `join` without passing through `parallel` or `join`
   * again. Asked only of branch nodes, so it walks edges backwards (a branch is small; the
   * workflow after a join is not), remembering every node it proved unreachable.
   */
  function reachedFromJoin(parallel: string, join: string): (id: string) => boolean {
    const known = new Map<string, boolean>();
    return (id) => {
      const answer = known.get(id);
      if (answer !== undefined) return answer;
      const visited = new Set<string>([id]);
      const stack = [id];
      for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
        for (const { from } of graph.incoming(current)) {
          if (from === join || known.get(from) === true) {
            known.set(id, true);
            return true;
          }
          if (from === parallel || visited.has(from) || known.has(from) || !graph.hasNode(from)) continue;
          visited.add(from);
          stack.push(from);
        }
      }
      for (const node of visited) known.set(node, false);
      return false;
    };
  }

  function analyze(parallel: string): BlockInfo | undefined {
    const known = blocks.get(parallel);
    if (known !== undefined || inProgress.has(parallel)) return known;
    inProgress.add(parallel);

    const joins = findJoins(parallel);
    const join = joins[0];
    if (joins.length > 1) {
      const names = `${joins.slice(0, -1).join(', ')} and ${joins[joins.length - 1] ?? ''}`;
      problems.push(structure({ node: parallel }, `branches meet at joins ${names}; they must meet at one join`));
    }
    const isAfterJoin = join === undefined ? () => false : reachedFromJoin(parallel, join);
    const members = new Set<string>();
    const owner = new Map<string, number>();
    const branches: BlockBranch[] = graph.outgoing(parallel).map((edge, index) => {
      const nodes = new Set<string>();
      walkBranch({ id: edge.to, via: edge }, index, nodes);
      return { edge, nodes };
    });

    function walkBranch(first: Step, index: number, nodes: Set<string>): void {
      const stack: Step[] = [first];
      for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
        const { id, via } = step;
        if (!graph.hasNode(id) || id === join || nodes.has(id)) continue;
        const node = graph.node(id);
        if (isTerminal(node) || (node.kind === 'join' && joins.includes(id))) continue;
        if (id === parallel || isAfterJoin(id)) {
          problems.push(
            structure(
              { edge: edgeRef(via) },
              `leaves the parallel block of ${parallel} without passing through its join${join === undefined ? '' : ` ${join}`}`,
            ),
          );
          continue;
        }
        const other = owner.get(id);
        if (other !== undefined && other !== index) {
          problems.push(
            structure(
              { node: id },
              `is on two branches of parallel ${parallel}; branches may only meet at ${join === undefined ? 'a join' : `the join ${join}`}`,
            ),
          );
          continue;
        }
        owner.set(id, index);
        nodes.add(id);
        members.add(id);
        if (node.kind === 'parallel') {
          const inner = analyze(id);
          for (const m of inner?.members ?? []) members.add(m);
          if (inner?.join !== undefined) members.add(inner.join);
        }
        for (const edge of successors(id).reverse()) stack.push({ id: edge.to, via: edge });
      }
    }

    checkEntries(parallel, join, members);
    const info: BlockInfo = { parallel, join, members, branches };
    blocks.set(parallel, info);
    inProgress.delete(parallel);
    return info;
  }

  function checkEntries(parallel: string, join: string | undefined, members: ReadonlySet<string>): void {
    const inside = (from: string): boolean => from === parallel || members.has(from) || !graph.reachable.has(from);
    for (const id of members) {
      for (const edge of graph.incoming(id)) {
        if (!inside(edge.from)) {
          problems.push(
            structure(
              { edge: edgeRef(edge) },
              `enters the parallel block of ${parallel} from outside; only ${parallel} starts its branches`,
            ),
          );
        }
      }
    }
    if (join === undefined) return;
    for (const edge of graph.incoming(join)) {
      if (!inside(edge.from)) {
        problems.push(
          structure({ edge: edgeRef(edge) }, `reaches join ${join} without passing through its parallel ${parallel}`),
        );
      }
    }
  }

  for (const node of graph.doc.nodes) {
    if (node.kind === 'parallel') analyze(node.id);
  }
  checkJoins(graph, blocks, joinsSeen, problems);
  return { blocks, problems: unique(problems) };
}

function checkJoins(
  graph: GraphView,
  blocks: ReadonlyMap<string, BlockInfo>,
  seen: ReadonlySet<string>,
  problems: Problem[],
): void {
  const closers = new Map<string, string[]>();
  for (const block of blocks.values()) {
    if (block.join !== undefined) closers.set(block.join, [...(closers.get(block.join) ?? []), block.parallel]);
  }
  for (const node of graph.doc.nodes) {
    if (node.kind !== 'join') continue;
    const parallels = closers.get(node.id) ?? [];
    if (parallels.length > 1) {
      problems.push(
        structure(
          { node: node.id },
          `closes the parallel blocks of ${parallels.join(' and ')}; each parallel node needs its own join`,
        ),
      );
    } else if (parallels.length === 0 && !seen.has(node.id) && graph.reachable.has(node.id)) {
      problems.push(structure({ node: node.id }, 'is not the join of any parallel node'));
    }
  }
}

function structure(where: Pick<Problem, 'node' | 'edge'>, message: string): Problem {
  return { severity: 'error', code: 'BLOCK_STRUCTURE', ...where, message };
}

function unique(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.node ?? ''}|${p.edge ?? ''}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
