import type { NodeKind, Workflow } from '#shared';
import { estimateNodeSize, freeSpot, type Size } from './auto-layout.js';
import { checkConnection } from './connection-rules.js';
import { addEdge, addNode } from './document-ops.js';
import { createNode } from './node-defaults.js';
import { portsOf } from './node-kinds.js';

/** Horizontal room left between a node and the one added after it (port labels sit there). */
const GAP_AFTER = 72;
/** Ports a new node is not connected to by default: the unhappy paths. */
const SIDE_PORTS: ReadonlySet<string> = new Set(['error', 'timeout']);

function sizeOf(doc: Workflow, id: string, sizes: ReadonlyMap<string, Size>): Size | undefined {
  const node = doc.nodes.find((n) => n.id === id);
  return node === undefined ? undefined : (sizes.get(id) ?? estimateNodeSize(node));
}

/**
 * Adds a node of `kind` to the right of node `after`, on a free spot, connected from the first
 * port of `after` that may take it (its happy paths first; none when every port is taken).
 *
 * @example
 * addNodeAfter(doc, 'http', 'check') // → { doc, id: 'http1', edge: { from: 'check', port: 'true', to: 'http1' } }
 */
export function addNodeAfter(
  doc: Workflow,
  kind: NodeKind,
  after: string,
  sizes: ReadonlyMap<string, Size> = new Map(),
): { doc: Workflow; id: string; connected: boolean } | undefined {
  const anchor = doc.nodes.find((n) => n.id === after);
  const anchorSize = sizeOf(doc, after, sizes);
  if (anchor === undefined || anchorSize === undefined) return undefined;
  const at = anchor.position ?? { x: 0, y: 0 };
  const size = estimateNodeSize(createNode(kind, 'probe', at, doc.id));
  const wanted = { x: at.x + anchorSize.width + GAP_AFTER, y: at.y + (anchorSize.height - size.height) / 2 };
  const added = addNode(doc, kind, freeSpot(doc, wanted, size, sizes));
  const ports = portsOf(anchor).sort((a, b) => Number(SIDE_PORTS.has(a)) - Number(SIDE_PORTS.has(b)));
  for (const port of ports) {
    const verdict = checkConnection(added.doc, { source: after, sourceHandle: port, target: added.id });
    if (verdict.ok) return { doc: addEdge(added.doc, verdict.edge), id: added.id, connected: true };
  }
  return { ...added, connected: false };
}

export interface SplitRequest {
  source: string;
  port: string;
  /** The node the port leads to now. */
  existing: string;
  /** The node it should lead to as well. */
  target: string;
}

/**
 * Turns "port P of S leads to A, and should lead to B too" into a parallel block: S.P → parallel,
 * parallel → A, parallel → B. The parallel node sits right of S; A and B keep their places.
 */
export function insertParallelSplit(
  doc: Workflow,
  split: SplitRequest,
  sizes: ReadonlyMap<string, Size> = new Map(),
): { doc: Workflow; id: string } | undefined {
  const source = doc.nodes.find((n) => n.id === split.source);
  const sourceSize = sizeOf(doc, split.source, sizes);
  const index = doc.edges.findIndex(
    (e) => e.from === split.source && (e.port ?? 'out') === split.port && e.to === split.existing,
  );
  const old = doc.edges[index];
  if (source === undefined || sourceSize === undefined || old === undefined) return undefined;
  const at = source.position ?? { x: 0, y: 0 };
  const size = estimateNodeSize(createNode('parallel', 'probe', at, doc.id));
  const wanted = { x: at.x + sourceSize.width + GAP_AFTER / 2, y: at.y + (sourceSize.height - size.height) / 2 };
  const added = addNode(doc, 'parallel', freeSpot(doc, wanted, size, sizes));
  const edges = [...added.doc.edges];
  edges[index] = { ...old, to: added.id };
  edges.push({ from: added.id, to: split.existing }, { from: added.id, to: split.target });
  return { doc: { ...added.doc, edges }, id: added.id };
}
