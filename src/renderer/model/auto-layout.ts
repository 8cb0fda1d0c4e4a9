import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Workflow, WorkflowNode } from '#shared';
import { portsOf } from './node-kinds.js';

export interface Size {
  width: number;
  height: number;
}

/** The size a node card is drawn at (mirrors canvas/nodes.css), for layout before it was measured. */
export function estimateNodeSize(node: WorkflowNode): Size {
  if (node.kind === 'start' || node.kind === 'end' || node.kind === 'fail') return { width: 160, height: 52 };
  const ports = portsOf(node).length;
  return { width: 216, height: 78 + Math.max(ports, 1) * 22 };
}

let elk: Promise<ElkApi> | undefined;

/** ELK is large: it loads on the first layout, in its own chunk. */
function loadElk(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

/**
 * Left-to-right layered layout (ELK), keeping each node's output ports in their order
 * top to bottom so edges do not cross at the node. Returns the top-left corner of every node.
 */
export async function layoutPositions(
  doc: Workflow,
  sizes: ReadonlyMap<string, Size> = new Map(),
): Promise<Map<string, { x: number; y: number }>> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const seen = new Set<string>();
  const children: ElkNode[] = [];
  const portIds = new Map<string, string[]>();
  for (const node of doc.nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const size = sizes.get(node.id) ?? estimateNodeSize(node);
    const ports = portsOf(node);
    portIds.set(node.id, ports);
    children.push({
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        {
          id: `${node.id}\u0000in`,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': '0' },
        },
        ...ports.map((port, i) => ({
          id: `${node.id}\u0000${port}`,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
        })),
      ],
    });
  }
  const edges: ElkExtendedEdge[] = [];
  doc.edges.forEach((edge, i) => {
    if (!ids.has(edge.from) || !ids.has(edge.to) || edge.from === edge.to) return;
    const ports = portIds.get(edge.from) ?? [];
    const port = ports.includes(edge.port ?? 'out') ? (edge.port ?? 'out') : ports[0];
    if (port === undefined) return;
    const routed: ElkExtendedEdge = { id: `e${i}`, sources: [`${edge.from}\u0000${port}`], targets: [`${edge.to}\u0000in`] };
    // Port names and branch conditions are drawn on edges: leave room for them between layers.
    const label = edgeLabelSize(edge.when, port);
    if (label !== undefined) routed.labels = [label];
    edges.push(routed);
  });
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.edgeNodeBetweenLayers': '32',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '80',
    },
    children,
    edges,
  };
  const result = await (await loadElk()).layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}

/** Whether a document needs a layout before it can be shown: a node has no position, or two nodes overlap. */
export function needsLayout(doc: Workflow): boolean {
  if (doc.nodes.some((n) => n.position === undefined)) return true;
  if (doc.nodes.length > 400) return false;
  const boxes = doc.nodes.map((n) => ({ ...(n.position ?? { x: 0, y: 0 }), ...estimateNodeSize(n) }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a === undefined || b === undefined) continue;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return true;
    }
  }
  return false;
}

function edgeLabelSize(when: string | undefined, port: string): { text: string; width: number; height: number } | undefined {
  if (when !== undefined) return { text: when, width: Math.min(208, 48 + when.length * 7), height: 20 };
  if (port !== 'out') return { text: port, width: 16 + port.length * 7, height: 18 };
  return undefined;
}

/**
 * A free spot for a new node near `wanted` (its top-left corner): the first place, spiralling
 * out on a coarse grid, where its box overlaps no existing node.
 */
export function freeSpot(doc: Workflow, wanted: { x: number; y: number }, size: Size, sizes: ReadonlyMap<string, Size> = new Map()): { x: number; y: number } {
  const gap = 24;
  const boxes = doc.nodes.map((n) => ({ ...(n.position ?? { x: 0, y: 0 }), ...(sizes.get(n.id) ?? estimateNodeSize(n)) }));
  const free = (x: number, y: number): boolean =>
    boxes.every((b) => x + size.width + gap <= b.x || b.x + b.width + gap <= x || y + size.height + gap <= b.y || b.y + b.height + gap <= y);
  const stepX = size.width + gap * 2;
  const stepY = size.height + gap;
  for (let ring = 0; ring < 12; ring++) {
    // Within a ring: nearest row first, and to the right before the left.
    const ringSpots: { dx: number; dy: number }[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) ringSpots.push({ dx, dy });
    }
    ringSpots.sort((a, b) => Math.abs(a.dy) - Math.abs(b.dy) || b.dx - a.dx || b.dy - a.dy);
    for (const { dx, dy } of ringSpots) {
      const x = Math.round(wanted.x + dx * stepX);
      const y = Math.round(wanted.y + dy * stepY);
      if (free(x, y)) return { x, y };
    }
  }
  return wanted;
}
