import { SwitchyardError, type Workflow, type WorkflowEdge, type WorkflowNode } from '#shared';
import { analyzeBlocks, type BlockBranch, type BlockInfo, type GraphView } from './block-analysis.js';
import type { Problem } from './problem.js';

export interface ParallelBlock {
  parallel: string;
  /** undefined when every branch stops at end/fail (or a node without outgoing edges) */
  join: string | undefined;
  /** node ids strictly inside the block, nested blocks' nodes included, excluding the parallel and its join (and end/fail nodes, which always live at the top level) */
  members: ReadonlySet<string>;
}

const EMPTY: readonly WorkflowEdge[] = [];

/**
 * Indexed, read-only view of a workflow document for the validator, the compiler and the
 * runtime. Assumes a document that passed the schema; never throws on structural problems
 * (dangling edges, bad blocks): validation reports those.
 *
 * @example
 * const graph = new WorkflowGraph(doc);
 * const next = graph.outgoing('check', 'true')[0]?.to;
 */
export class WorkflowGraph implements GraphView {
  readonly doc: Workflow;
  readonly startId: string | undefined;
  /** ids of nodes used only as compensation (referenced by some node's `compensation`, not reachable from start) */
  readonly compensationOnly: ReadonlySet<string>;
  /** Nodes reachable from start along edges. */
  readonly reachable: ReadonlySet<string>;
  /** Problems of the parallel…join structure, reported by validation. */
  readonly blockProblems: readonly Problem[];
  /** Whether a run of this workflow may start child runs (subflow and forEach nodes). */
  readonly startsChildRuns: boolean;

  private readonly nodes = new Map<string, WorkflowNode>();
  private readonly outEdges = new Map<string, WorkflowEdge[]>();
  private readonly inEdges = new Map<string, WorkflowEdge[]>();
  private readonly blocks: ReadonlyMap<string, BlockInfo>;
  private readonly joinOwner = new Map<string, string>();
  private readonly enclosing = new Map<string, BlockInfo>();

  constructor(doc: Workflow) {
    this.doc = doc;
    for (const node of doc.nodes) {
      if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    }
    for (const edge of doc.edges) {
      push(this.outEdges, edge.from, edge);
      push(this.inEdges, edge.to, edge);
    }
    this.startId = doc.nodes.find((n) => n.kind === 'start')?.id;
    this.startsChildRuns = doc.nodes.some((n) => n.kind === 'subflow' || n.kind === 'forEach');
    this.reachable = this.reachableFrom(this.startId);
    const referenced = new Set(doc.nodes.flatMap((n) => (n.compensation === undefined ? [] : [n.compensation])));
    this.compensationOnly = new Set([...referenced].filter((id) => this.nodes.has(id) && !this.reachable.has(id)));

    const analysis = analyzeBlocks(this);
    this.blocks = analysis.blocks;
    this.blockProblems = analysis.problems;
    for (const block of this.blocks.values()) {
      if (block.join !== undefined && !this.joinOwner.has(block.join)) this.joinOwner.set(block.join, block.parallel);
      for (const id of block.members) {
        const current = this.enclosing.get(id);
        if (current === undefined || block.members.size < current.members.size) this.enclosing.set(id, block);
      }
    }
  }

  node(id: string): WorkflowNode {
    const node = this.nodes.get(id);
    if (node === undefined)
      throw new SwitchyardError('INVALID_WORKFLOW', `workflow ${this.doc.id} has no node "${id}"`);
    return node;
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Edges leaving `id`, all of them or those of one port (an edge without port is on `out`). */
  outgoing(id: string, port?: string): WorkflowEdge[] {
    const edges = this.outEdges.get(id) ?? EMPTY;
    return port === undefined ? [...edges] : edges.filter((e) => (e.port ?? 'out') === port);
  }

  incoming(id: string): WorkflowEdge[] {
    return [...(this.inEdges.get(id) ?? EMPTY)];
  }

  blockOfParallel(parallelId: string): ParallelBlock | undefined {
    return this.blocks.get(parallelId);
  }

  /** The branches of a parallel block, in edge order, with the nodes directly on each. */
  branchesOf(parallelId: string): readonly BlockBranch[] {
    return this.blocks.get(parallelId)?.branches ?? [];
  }

  parallelOfJoin(joinId: string): string | undefined {
    return this.joinOwner.get(joinId);
  }

  /** innermost parallel block containing nodeId (as a member), if any */
  enclosingBlock(nodeId: string): ParallelBlock | undefined {
    return this.enclosing.get(nodeId);
  }

  /** resolve a subflow/forEach workflow id: the doc itself or an entry of doc.subflows (searching nested subflows too) */
  resolveWorkflow(id: string): Workflow | undefined {
    return findWorkflow(this.doc, id);
  }

  private reachableFrom(first: string | undefined): Set<string> {
    const seen = new Set<string>();
    const stack = first === undefined ? [] : [first];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (seen.has(id) || !this.nodes.has(id)) continue;
      seen.add(id);
      for (const edge of this.outEdges.get(id) ?? EMPTY) stack.push(edge.to);
    }
    return seen;
  }
}

function push(map: Map<string, WorkflowEdge[]>, key: string, edge: WorkflowEdge): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [edge]);
  else list.push(edge);
}

/** Depth-first, the document itself first, so a nearer definition wins over a nested one. */
export function findWorkflow(doc: Workflow, id: string): Workflow | undefined {
  if (doc.id === id) return doc;
  for (const sub of doc.subflows ?? []) {
    if (sub.id === id) return sub;
  }
  for (const sub of doc.subflows ?? []) {
    const found = findWorkflow(sub, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

const graphs = new WeakMap<Workflow, WorkflowGraph>();

/**
 * The graph of a document, built once per document object: validation, compilation and every
 * run of the document share it. Documents are never changed in place (edits make new objects).
 */
export function graphOf(doc: Workflow): WorkflowGraph {
  let graph = graphs.get(doc);
  if (graph === undefined) {
    graph = new WorkflowGraph(doc);
    graphs.set(doc, graph);
  }
  return graph;
}

const MAX_STORED_GRAPHS = 64;
const storedGraphs = new Map<string, WorkflowGraph>();

/**
 * The graph of a document read back from a store: equal documents (every approve, signal, resume
 * or time-travel step of a run reads its document anew) share one graph, and so one compiled
 * machine. Keyed by the document's JSON text; the most recently used are kept.
 */
export function graphOfStored(doc: Workflow): WorkflowGraph {
  const known = graphs.get(doc);
  if (known !== undefined) return known;
  const key = JSON.stringify(doc);
  let graph = storedGraphs.get(key);
  if (graph === undefined) {
    graph = graphOf(doc);
    if (storedGraphs.size >= MAX_STORED_GRAPHS) storedGraphs.delete(storedGraphs.keys().next().value ?? '');
  } else {
    storedGraphs.delete(key);
  }
  storedGraphs.set(key, graph);
  return graph;
}
