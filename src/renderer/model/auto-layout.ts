import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Workflow, WorkflowNode } from '#shared';
import { kindFamily, portsOf } from './node-kinds.js';

export interface Size {
  width: number;
  height: number;
}

/** About how many characters of a name fit on one line of a terminal pill and of a card. */
const NAME_CHARS = { terminal: 13, card: 20 } as const;
const NAME_LINE = 18;
const NAME_MAX_LINES = 3;

/** The lines a node's name wraps to (a card names its id beside a label). */
function nameLines(node: WorkflowNode, perLine: number): number {
  const label = node.label === undefined || node.label === '' ? node.id : `${node.label}  ${node.id}`;
  return Math.min(NAME_MAX_LINES, Math.max(1, Math.ceil(label.length / perLine)));
}

/** The size a node card is drawn at (mirrors canvas/nodes.css), for layout before it was measured. */
export function estimateNodeSize(node: WorkflowNode): Size {
  if (kindFamily(node.kind) === 'terminal') {
    const lines = nameLines(node, NAME_CHARS.terminal);
    return { width: 160, height: lines === 1 ? 52 : 26 + lines * NAME_LINE };
  }
  const ports = portsOf(node).length;
  const extra = (nameLines(node, NAME_CHARS.card) - 1) * NAME_LINE;
  return { width: 216, height: 78 + extra + Math.max(ports, 1) * 22 };
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
  const labelled: { from: string; to: string; width: number }[] = [];
  doc.edges.forEach((edge, i) => {
    if (!ids.has(edge.from) || !ids.has(edge.to) || edge.from === edge.to) return;
    const ports = portIds.get(edge.from) ?? [];
    const port = ports.includes(edge.port ?? 'out') ? (edge.port ?? 'out') : ports[0];
    if (port === undefined) return;
    const width = edgeLabelWidth(edge.when, port);
    if (width > 0) labelled.push({ from: edge.from, to: edge.to, width });
    edges.push({ id: `e${i}`, sources: [`${edge.from}\u0000${port}`], targets: [`${edge.to}\u0000in`] });
  });
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.edgeNodeBetweenLayers': '24',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '80',
    },
    children,
    edges,
  };
  const result = await (await loadElk()).layout(graph);
  const boxes = (result.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0 }));
  return widenForLabels(boxes, labelled);
}

const LAYER_GAP = 48;

/**
 * Port names and branch conditions are drawn on the edges: where a labelled edge crosses from
 * one layer to the next, the gap between those layers grows to fit the label (others stay tight).
 */
export function widenForLabels(
  boxes: readonly { id: string; x: number; y: number; width: number }[],
  labelled: readonly { from: string; to: string; width: number }[],
): Map<string, { x: number; y: number }> {
  // Layers: runs of nodes whose horizontal extents overlap, left to right.
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const layerOf = new Map<string, number>();
  const layers: { left: number; right: number }[] = [];
  for (const box of sorted) {
    const last = layers[layers.length - 1];
    if (last !== undefined && box.x < last.right) last.right = Math.max(last.right, box.x + box.width);
    else layers.push({ left: box.x, right: box.x + box.width });
    layerOf.set(box.id, layers.length - 1);
  }
  const extra = layers.map(() => 0);
  for (const edge of labelled) {
    const from = layerOf.get(edge.from);
    const to = layerOf.get(edge.to);
    if (from === undefined || to === undefined || to <= from) continue;
    // The label sits on the first gap the edge crosses.
    const left = layers[from];
    const right = layers[from + 1];
    if (left === undefined || right === undefined) continue;
    const need = edge.width + LAYER_GAP - (right.left - left.right);
    extra[from + 1] = Math.max(extra[from + 1] ?? 0, need);
  }
  let shift = 0;
  const shifts = layers.map((_, i) => (shift += Math.max(0, extra[i] ?? 0)));
  const positions = new Map<string, { x: number; y: number }>();
  for (const box of boxes) {
    positions.set(box.id, { x: Math.round(box.x + (shifts[layerOf.get(box.id) ?? 0] ?? 0)), y: Math.round(box.y) });
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

/** About how wide an edge's label is drawn (see canvas.css: the when badge is at most 128px). */
function edgeLabelWidth(when: string | undefined, port: string): number {
  if (when !== undefined) return Math.min(128, 40 + when.length * 6.5);
  if (port !== 'out') return 12 + port.length * 6.5;
  return 0;
}

/**
 * A free spot for a new node near `wanted` (its top-left corner): the first place, spiralling
 * out on a coarse grid, where its box overlaps no existing node.
 */
export function freeSpot(
  doc: Workflow,
  wanted: { x: number; y: number },
  size: Size,
  sizes: ReadonlyMap<string, Size> = new Map(),
): { x: number; y: number } {
  const gap = 24;
  const boxes = doc.nodes.map((n) => ({
    ...(n.position ?? { x: 0, y: 0 }),
    ...(sizes.get(n.id) ?? estimateNodeSize(n)),
  }));
  const free = (x: number, y: number): boolean =>
    boxes.every(
      (b) =>
        x + size.width + gap <= b.x ||
        b.x + b.width + gap <= x ||
        y + size.height + gap <= b.y ||
        b.y + b.height + gap <= y,
    );
  const stepX = size.width + gap * 2;
  const stepY = size.height + gap;
  for (let ring = 0; ring < 12; ring++) {
    // Within a ring: nearest row first, and to the right before the left.
    const ringSpots: { dx: number; dy: number }[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) ringSpots.push({ dx, dy });
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
