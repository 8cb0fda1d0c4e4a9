import { getBezierPath, Position } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { EDGE_CURVATURE } from './edge-geometry.js';
import { blockSize } from './overview-nodes.js';

/** The look of an edge in the overview, in the order the groups are drawn (later on top). */
export const OVERVIEW_TONES = ['untaken', 'normal', 'compensation', 'taken', 'warning', 'error', 'selected'] as const;
export type OverviewTone = (typeof OVERVIEW_TONES)[number];

export interface Point {
  x: number;
  y: number;
}

/** Where an edge leaves its source or enters its target, in flow coordinates. */
export type AnchorOf = (nodeId: string, end: 'source' | 'target') => Point | undefined;

export function overviewTone(edge: FlowEdge): OverviewTone {
  const data = edge.data;
  if (edge.selected === true) return 'selected';
  if (data === undefined) return 'normal';
  if (data.role === 'compensation') return 'compensation';
  if (data.diagnostics.errors.length > 0) return 'error';
  if (data.diagnostics.warnings.length > 0) return 'warning';
  return data.run ?? 'normal';
}

/** Side of the square areas (flow coordinates) whose edges share a path. */
const TILE = 1500;
const NONE_MOVING: ReadonlySet<string> = new Set();

export interface OverviewPath {
  /** Stable across renders: the tone and the area of the edges' sources. */
  readonly key: string;
  readonly tone: OverviewTone;
  readonly d: string;
}

/**
 * Every edge as the same curve WorkflowEdge draws, joined into one path per tone and area:
 * the overview draws a few dozen paths instead of one SVG element per edge. The edges of the
 * `moving` nodes (a drag under way) get paths of their own, so that each step of the drag
 * redraws only them, not every edge of the areas they start in.
 */
export function overviewPaths(
  edges: readonly FlowEdge[],
  anchorOf: AnchorOf,
  moving: ReadonlySet<string> = NONE_MOVING,
): OverviewPath[] {
  const groups = new Map<string, { tone: OverviewTone; parts: string[] }>();
  for (const edge of edges) {
    const from = anchorOf(edge.source, 'source');
    const to = anchorOf(edge.target, 'target');
    if (from === undefined || to === undefined) continue;
    const [path] = getBezierPath({
      sourceX: from.x,
      sourceY: from.y,
      sourcePosition: Position.Right,
      targetX: to.x,
      targetY: to.y,
      targetPosition: Position.Left,
      curvature: EDGE_CURVATURE,
    });
    const tone = overviewTone(edge);
    const key =
      moving.has(edge.source) || moving.has(edge.target)
        ? `${tone}:moving`
        : `${tone}:${Math.floor(from.x / TILE)}:${Math.floor(from.y / TILE)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { tone, parts: [path] });
    else group.parts.push(path);
  }
  return [...groups]
    .map(([key, { tone, parts }]) => ({ key, tone, d: parts.join('') }))
    .sort((a, b) => OVERVIEW_TONES.indexOf(a.tone) - OVERVIEW_TONES.indexOf(b.tone));
}

/**
 * Overview blocks have no handles: an edge leaves the middle of its source's right side and
 * enters the middle of its target's left side (ports are a few pixels apart at that zoom).
 */
export function blockAnchors(nodes: readonly FlowNode[]): AnchorOf {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return (nodeId, end) => {
    const node = byId.get(nodeId);
    if (node === undefined) return undefined;
    const { width, height } = blockSize(node);
    return { x: node.position.x + (end === 'source' ? width : 0), y: node.position.y + height / 2 };
  };
}
