import { NodeId, type NodeKind, type Workflow, type WorkflowEdge, type WorkflowNode } from '#shared';
import { renameStepReferences } from '#engine';
import { removeAnnotations, renameGroupMember } from './annotation-ops.js';
import { edgeKeys, nodeKeys } from './flow-mappers.js';
import type { Selection } from './flow-types.js';
import { createNode, nodeIdSet, uniqueNodeId } from './node-defaults.js';

/** Pure edits of a workflow document. Each returns a new document (or the same one when nothing changed). */

export function addNode(
  doc: Workflow,
  kind: NodeKind,
  position: { x: number; y: number },
): { doc: Workflow; id: string } {
  const id = uniqueNodeId(kind, nodeIdSet(doc));
  return { doc: { ...doc, nodes: [...doc.nodes, createNode(kind, id, position, doc.id)] }, id };
}

export function addEdge(doc: Workflow, edge: WorkflowEdge): Workflow {
  return { ...doc, edges: [...doc.edges, edge] };
}

/**
 * Removes the selected nodes (with their edges, the compensations pointing at them and their
 * places in groups), edges, sticky notes and groups (a removed group leaves its nodes).
 */
export function removeElements(doc: Workflow, selection: Selection): Workflow {
  if (selection.nodes.length === 0 && selection.edges.length === 0) return doc;
  const nKeys = nodeKeys(doc.nodes);
  const removedKeys = new Set(selection.nodes);
  const removedIds = new Set(doc.nodes.filter((_, i) => removedKeys.has(nKeys[i] ?? '')).map((n) => n.id));
  const eKeys = edgeKeys(doc.edges);
  const removedEdges = new Set(selection.edges);
  const nodes = doc.nodes
    .filter((_, i) => !removedKeys.has(nKeys[i] ?? ''))
    .map((n) => (n.compensation !== undefined && removedIds.has(n.compensation) ? withoutCompensation(n) : n));
  const edges = doc.edges.filter(
    (e, i) => !removedEdges.has(eKeys[i] ?? '') && !removedIds.has(e.from) && !removedIds.has(e.to),
  );
  return removeAnnotations({ ...doc, nodes, edges }, selection.nodes, removedIds);
}

function withoutCompensation(node: WorkflowNode): WorkflowNode {
  const copy = { ...node };
  delete copy.compensation;
  return copy;
}

export type RenameResult = { ok: true; doc: Workflow } | { ok: false; reason: string };

/** Renames a node and every reference to it (edges, compensations). */
export function renameNode(doc: Workflow, from: string, to: string): RenameResult {
  if (from === to) return { ok: true, doc };
  const valid = NodeId.safeParse(to);
  if (!valid.success) return { ok: false, reason: 'An id starts with a letter, then letters, digits, _ or -' };
  if (doc.nodes.some((n) => n.id === to)) return { ok: false, reason: `Another node is already called ${to}` };
  const swap = (id: string): string => (id === from ? to : id);
  const nodes = doc.nodes.map((n) => {
    const renamed = n.id === from ? { ...n, id: to } : n;
    return renamed.compensation === from ? { ...renamed, compensation: to } : renamed;
  });
  const edges = doc.edges.map((e) =>
    e.from === from || e.to === from ? { ...e, from: swap(e.from), to: swap(e.to) } : e,
  );
  // Expressions, templates and edge conditions that read steps.FROM follow the rename.
  return { ok: true, doc: renameGroupMember(renameStepReferences({ ...doc, nodes, edges }, from, to), from, to) };
}

/** Replaces one node (found by id) with `recipe(node)`. */
export function updateNode(doc: Workflow, id: string, recipe: (node: WorkflowNode) => WorkflowNode): Workflow {
  const i = doc.nodes.findIndex((n) => n.id === id);
  const node = doc.nodes[i];
  if (node === undefined) return doc;
  const next = recipe(node);
  if (next === node) return doc;
  const nodes = [...doc.nodes];
  nodes[i] = next;
  return { ...doc, nodes };
}

export function updateEdgeAt(doc: Workflow, index: number, recipe: (edge: WorkflowEdge) => WorkflowEdge): Workflow {
  const edge = doc.edges[index];
  if (edge === undefined) return doc;
  const next = recipe(edge);
  if (next === edge) return doc;
  const edges = [...doc.edges];
  edges[index] = next;
  return { ...doc, edges };
}

/** Moves nodes to new positions (a layout); nodes not in `positions` stay where they are. */
export function setPositions(doc: Workflow, positions: ReadonlyMap<string, { x: number; y: number }>): Workflow {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = positions.get(n.id);
      return p === undefined ? n : { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
    }),
  };
}

/** Sets (or, with `undefined`, removes) one top-level field of an object without mutating it. */
export function withField<T extends object, K extends keyof T>(value: T, key: K, field: T[K] | undefined): T {
  const copy = { ...value };
  if (field === undefined) delete copy[key];
  else copy[key] = field;
  return copy;
}

/** Points subflow/forEach nodes that call workflow `from` at workflow `to` instead (a template's self-recursion). */
export function retargetWorkflowRefs(nodes: readonly WorkflowNode[], from: string, to: string): WorkflowNode[] {
  return nodes.map((n) => {
    if (n.kind === 'subflow' && n.config.workflow === from) return { ...n, config: { ...n.config, workflow: to } };
    if (n.kind === 'forEach' && n.config.workflow === from) return { ...n, config: { ...n.config, workflow: to } };
    return n;
  });
}
