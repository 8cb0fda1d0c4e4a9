import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { Problem } from '#engine';
import type { Trigger, Workflow, WorkflowEdge, WorkflowNode } from '#shared';
import { estimateNodeSize } from './auto-layout.js';
import { EMPTY_SELECTION, type Diagnostics, type FlowEdge, type FlowNode, type Selection } from './flow-types.js';
import { kindFamily, kindTitle, portsOf, portTone } from './node-kinds.js';
import { nodeSummary } from './node-summary.js';
import { edgeDiagnostics, indexProblems, NO_DIAGNOSTICS, type ProblemIndex } from './problem-index.js';

/**
 * React Flow nodes and edges are a projection of the workflow document: these pure mappers
 * build them (reusing the previous objects for unchanged elements, so that React Flow and
 * memoised components skip them) and map canvas changes back onto the document.
 */
export interface Projection {
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
  /** flow edge id → index in doc.edges */
  readonly edgeIndex: ReadonlyMap<string, number>;
  /** flow node id → index in doc.nodes */
  readonly nodeIndex: ReadonlyMap<string, number>;
}

export const EMPTY_PROJECTION: Projection = { nodes: [], edges: [], edgeIndex: new Map(), nodeIndex: new Map() };

/** Where a node without a position is drawn (one object, so that its flow node can be reused). */
const ORIGIN: XYPosition = { x: 0, y: 0 };

/** The stable key of each node (its id; later duplicates get `id~2`, `id~3`, ...). */
export function nodeKeys(nodes: readonly WorkflowNode[]): string[] {
  return uniqueKeys(nodes.map((n) => n.id));
}

/** The stable key of each edge: its id, else `from:port->to` (duplicates get `~2`, ...). */
export function edgeKeys(edges: readonly WorkflowEdge[]): string[] {
  return uniqueKeys(edges.map((e) => e.id ?? `${e.from}:${e.port ?? 'out'}->${e.to}`));
}

function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}~${count}`;
  });
}

/**
 * The canvas view of a document.
 *
 * @example
 * const { nodes, edges } = documentToFlow(doc, validateWorkflow(doc));
 */
export function documentToFlow(
  doc: Workflow,
  problems: readonly Problem[],
  selection: Selection = EMPTY_SELECTION,
): Projection {
  return projectFlow(doc, indexProblems(problems), selection);
}

/** Like documentToFlow, reusing `previous` objects whose inputs did not change (and their measured sizes). */
export function projectFlow(
  doc: Workflow,
  index: ProblemIndex,
  selection: Selection,
  previous: Projection = EMPTY_PROJECTION,
): Projection {
  const prevNodes = new Map(previous.nodes.map((n) => [n.id, n]));
  const prevEdges = new Map(previous.edges.map((e) => [e.id, e]));
  const selectedNodes = new Set(selection.nodes);
  const selectedEdges = new Set(selection.edges);

  const keys = nodeKeys(doc.nodes);
  const nodeIndex = new Map<string, number>();
  const nodes: FlowNode[] = doc.nodes.map((node, i) => {
    const key = keys[i] ?? node.id;
    nodeIndex.set(key, i);
    const diagnostics = key === node.id ? (index.nodes.get(node.id) ?? NO_DIAGNOSTICS) : NO_DIAGNOSTICS;
    const selected = selectedNodes.has(key);
    const prev = prevNodes.get(key);
    const triggers = node.kind === 'start' ? doc.triggers : undefined;
    if (
      prev !== undefined &&
      prev.data.node === node &&
      prev.position === (node.position ?? ORIGIN) &&
      prev.data.triggers === triggers &&
      prev.selected === selected &&
      prev.data.diagnostics.key === diagnostics.key
    ) {
      return prev;
    }
    return toFlowNode(key, node, triggers, diagnostics, selected, prev);
  });

  const kinds = new Map(doc.nodes.map((n) => [n.id, n]));
  const eKeys = edgeKeys(doc.edges);
  const edgeIndex = new Map<string, number>();
  const edges: FlowEdge[] = [];
  doc.edges.forEach((edge, i) => {
    const key = eKeys[i] ?? String(i);
    const source = kinds.get(edge.from);
    if (source === undefined || !kinds.has(edge.to)) return;
    edgeIndex.set(key, i);
    const diagnostics = edgeDiagnostics(index, edge);
    const selected = selectedEdges.has(key);
    const prev = prevEdges.get(key);
    if (
      prev !== undefined &&
      prev.data?.index === i &&
      sameEdge(prev, edge, source) &&
      prev.selected === selected &&
      prev.data.diagnostics.key === diagnostics.key
    ) {
      edges.push(prev);
      return;
    }
    edges.push(toFlowEdge(key, i, edge, source, diagnostics, selected));
  });
  edges.push(...compensationLinks(doc, kinds, prevEdges));
  // React Flow re-indexes every edge whenever it gets a new array: a drag must not cost that.
  return {
    nodes: sameItems(nodes, previous.nodes) ? previous.nodes : nodes,
    edges: sameItems(edges, previous.edges) ? previous.edges : edges,
    edgeIndex,
    nodeIndex,
  };
}

function sameItems<T>(next: readonly T[], previous: readonly T[]): boolean {
  return next.length === previous.length && next.every((item, i) => item === previous[i]);
}

/** Dashed links from each node to its compensation node (saga), for the eye only. */
function compensationLinks(
  doc: Workflow,
  nodes: ReadonlyMap<string, WorkflowNode>,
  prevEdges: ReadonlyMap<string, FlowEdge>,
): FlowEdge[] {
  const links: FlowEdge[] = [];
  for (const node of doc.nodes) {
    const target = node.compensation === undefined ? undefined : nodes.get(node.compensation);
    if (target === undefined || target.id === node.id || nodes.get(node.id) !== node) continue;
    const id = `compensation:${node.id}->${target.id}`;
    const prev = prevEdges.get(id);
    const sourceHandle = portsOf(node)[0] ?? 'out';
    if (prev !== undefined && prev.sourceHandle === sourceHandle) {
      links.push(prev);
      continue;
    }
    links.push({
      id,
      type: 'workflow',
      source: node.id,
      target: target.id,
      sourceHandle,
      targetHandle: 'in',
      selectable: false,
      deletable: false,
      focusable: false,
      data: {
        role: 'compensation',
        index: -1,
        port: 'compensation',
        when: undefined,
        fromParallel: false,
        diagnostics: NO_DIAGNOSTICS,
      },
    });
  }
  return links;
}

function toFlowNode(
  key: string,
  node: WorkflowNode,
  triggers: readonly Trigger[] | undefined,
  diagnostics: Diagnostics,
  selected: boolean,
  prev: FlowNode | undefined,
): FlowNode {
  const flow: FlowNode = {
    id: key,
    type: kindFamily(node.kind),
    position: node.position ?? ORIGIN,
    selected,
    ariaLabel: `${kindTitle(node.kind)} ${node.label ?? node.id}${diagnostics.errors.length > 0 ? `, ${diagnostics.errors.length} error${diagnostics.errors.length === 1 ? '' : 's'}` : ''}`,
    data: {
      node,
      kind: node.kind,
      title: kindTitle(node.kind),
      summary: nodeSummary(node),
      ports: portsOf(node).map((id) => ({ id, tone: portTone(id) })),
      hasInput: node.kind !== 'start',
      diagnostics,
      ...(triggers === undefined ? {} : { triggers }),
    },
  };
  if (prev?.measured !== undefined) flow.measured = prev.measured;
  else {
    // Drawn at once at its estimated size, instead of hidden until React Flow has measured it.
    const size = estimateNodeSize(node);
    flow.initialWidth = size.width;
    flow.initialHeight = size.height;
  }
  return flow;
}

function sameEdge(prev: FlowEdge, edge: WorkflowEdge, source: WorkflowNode): boolean {
  const data = prev.data;
  return (
    data !== undefined &&
    prev.source === edge.from &&
    prev.target === edge.to &&
    data.port === (edge.port ?? 'out') &&
    data.when === edge.when &&
    data.fromParallel === (source.kind === 'parallel') &&
    prev.sourceHandle === handleFor(edge, source)
  );
}

function handleFor(edge: WorkflowEdge, source: WorkflowNode): string | null {
  const port = edge.port ?? 'out';
  const ports = portsOf(source);
  // An edge on a port the node does not have is still drawn (from its first port), in error.
  return ports.includes(port) ? port : (ports[0] ?? null);
}

function toFlowEdge(
  key: string,
  index: number,
  edge: WorkflowEdge,
  source: WorkflowNode,
  diagnostics: Diagnostics,
  selected: boolean,
): FlowEdge {
  return {
    id: key,
    type: 'workflow',
    source: edge.from,
    target: edge.to,
    sourceHandle: handleFor(edge, source),
    targetHandle: 'in',
    selected,
    data: {
      role: 'flow',
      index,
      port: edge.port ?? 'out',
      when: edge.when,
      fromParallel: source.kind === 'parallel',
      diagnostics,
    },
  };
}

/**
 * The projection with some nodes drawn elsewhere than their document says: the nodes of a drag
 * under way, which reach the document only when dropped. Only the moved nodes are new objects.
 */
export function withPositions(projection: Projection, positions: ReadonlyMap<string, XYPosition>): Projection {
  let nodes: FlowNode[] | undefined;
  for (const [id, position] of positions) {
    const i = projection.nodeIndex.get(id);
    const node = i === undefined ? undefined : (nodes ?? projection.nodes)[i];
    if (i === undefined || node === undefined || (node.position.x === position.x && node.position.y === position.y))
      continue;
    nodes ??= [...projection.nodes];
    // `dragging` keeps it mounted when culling would take it off the canvas (drawsOnlyVisible).
    nodes[i] = { ...node, position, dragging: true };
  }
  return nodes === undefined ? projection : { ...projection, nodes };
}

/** Applies the position changes of a drag to the document (positions rounded to whole pixels). */
export function applyNodeChangesToDocument(
  doc: Workflow,
  changes: readonly NodeChange<FlowNode>[],
  projection: Projection,
): Workflow {
  let nodes: WorkflowNode[] | undefined;
  for (const change of changes) {
    if (change.type !== 'position' || change.position === undefined) continue;
    const i = projection.nodeIndex.get(change.id);
    const node = i === undefined ? undefined : (nodes ?? doc.nodes)[i];
    if (i === undefined || node === undefined) continue;
    const position = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
    if (node.position?.x === position.x && node.position.y === position.y) continue;
    nodes ??= [...doc.nodes];
    nodes[i] = { ...node, position };
  }
  return nodes === undefined ? doc : { ...doc, nodes };
}

/** The selection after React Flow's select changes. */
export function applySelectionChanges(
  selection: Selection,
  nodeChanges: readonly NodeChange[],
  edgeChanges: readonly EdgeChange<FlowEdge>[],
): Selection {
  const nodes = toggle(selection.nodes, nodeChanges);
  const edges = toggle(selection.edges, edgeChanges);
  return nodes === selection.nodes && edges === selection.edges ? selection : { nodes, edges };
}

function toggle(
  current: readonly string[],
  changes: readonly (NodeChange | EdgeChange<FlowEdge>)[],
): readonly string[] {
  let set: Set<string> | undefined;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    set ??= new Set(current);
    if (change.selected) set.add(change.id);
    else set.delete(change.id);
  }
  if (set === undefined) return current;
  const next = [...set];
  return next.length === current.length && next.every((id, i) => id === current[i]) ? current : next;
}
