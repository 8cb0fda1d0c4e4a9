import { diffDocuments, type DocumentDiff } from '#engine';
import type { Workflow } from '#shared';
import { edgeKey } from '../run-model/node-index.js';

export type DiffMark = 'added' | 'removed' | 'changed';

/** Two versions drawn as one: the newer document plus what it no longer has, each element marked. */
export interface VersionComparison {
  doc: Workflow;
  /** Node id → mark; unmarked nodes are the same in both. */
  nodes: ReadonlyMap<string, DiffMark>;
  /** `edgeKey(from, port, to)` → mark. */
  edges: ReadonlyMap<string, DiffMark>;
  diff: DocumentDiff;
}

/**
 * Compares two versions of a workflow for the diff view: removed nodes and edges are drawn
 * where the older version had them, so both layouts read at once.
 */
export function compareVersions(before: Workflow, after: Workflow): VersionComparison {
  const diff = diffDocuments(before, after);
  const nodes = new Map<string, DiffMark>();
  for (const id of diff.nodes.added) nodes.set(id, 'added');
  for (const id of diff.nodes.removed) nodes.set(id, 'removed');
  for (const { id } of diff.nodes.changed) nodes.set(id, 'changed');
  const edges = new Map<string, DiffMark>();
  const mark = (list: DocumentDiff['edges']['added'], as: DiffMark) => {
    for (const e of list) edges.set(edgeKey(e.from, e.port, e.to), as);
  };
  mark(diff.edges.added, 'added');
  mark(diff.edges.removed, 'removed');
  mark(diff.edges.changed, 'changed');
  const removedNodes = new Set(diff.nodes.removed);
  const removedEdges = new Set(diff.edges.removed.map((e) => edgeKey(e.from, e.port, e.to)));
  const placed = after.nodes.flatMap((n) => (n.position === undefined ? [] : [n.position]));
  const removed = before.nodes
    .filter((n) => removedNodes.has(n.id))
    .map((n) => (n.position === undefined ? n : { ...n, position: freeSpot(n.position, placed) }));
  const doc: Workflow = {
    ...after,
    nodes: [...after.nodes, ...removed],
    edges: [...after.edges, ...before.edges.filter((e) => removedEdges.has(edgeKey(e.from, e.port ?? 'out', e.to)))],
  };
  return { doc, nodes, edges, diff };
}

/** About one card: closer than this, two nodes overlap. */
const CARD = { width: 200, height: 100 };

/**
 * Where a removed node is drawn: where it was, or below that when a node of the newer version
 * sits there now (a renamed node keeps its place), so both can be read.
 */
function freeSpot(at: { x: number; y: number }, placed: { x: number; y: number }[]): { x: number; y: number } {
  let spot = at;
  const clash = (p: { x: number; y: number }) =>
    Math.abs(p.x - spot.x) < CARD.width && Math.abs(p.y - spot.y) < CARD.height;
  while (placed.some(clash)) spot = { x: spot.x, y: spot.y + CARD.height + 10 };
  placed.push(spot);
  return spot;
}

/** One line per change, for the list beside the canvas. */
export function changeLines(diff: DocumentDiff): { mark: DiffMark; text: string }[] {
  const edge = (e: { from: string; port: string; to: string }) =>
    `${e.from}${e.port === 'out' ? '' : `.${e.port}`} → ${e.to}`;
  return [
    ...diff.fields.map((field) => ({ mark: 'changed' as const, text: `workflow ${field}` })),
    ...diff.nodes.added.map((id) => ({ mark: 'added' as const, text: `node ${id}` })),
    ...diff.nodes.removed.map((id) => ({ mark: 'removed' as const, text: `node ${id}` })),
    ...diff.nodes.changed.map((c) => ({ mark: 'changed' as const, text: `node ${c.id}: ${c.fields.join(', ')}` })),
    ...diff.edges.added.map((e) => ({ mark: 'added' as const, text: `edge ${edge(e)}` })),
    ...diff.edges.removed.map((e) => ({ mark: 'removed' as const, text: `edge ${edge(e)}` })),
    ...diff.edges.changed.map((e) => ({ mark: 'changed' as const, text: `edge ${edge(e)}` })),
  ];
}
