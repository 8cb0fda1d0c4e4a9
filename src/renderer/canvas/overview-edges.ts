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
 * What overviewPaths computed last time: each edge's curve and each joined path. Between two
 * steps of a drag only the curves of the moved node's edges change, and only the path that
 * holds them is joined again (an unchanged path keeps its string, so React leaves it alone).
 */
export interface OverviewPathCache {
  curves: WeakMap<FlowEdge, { from: Point; to: Point; d: string }>;
  joined: Map<string, { parts: string[]; d: string }>;
}

export function newPathCache(): OverviewPathCache {
  return { curves: new WeakMap(), joined: new Map() };
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
  cache: OverviewPathCache = newPathCache(),
): OverviewPath[] {
  const groups = new Map<string, { tone: OverviewTone; parts: string[] }>();
  for (const edge of edges) {
    const from = anchorOf(edge.source, 'source');
    const to = anchorOf(edge.target, 'target');
    if (from === undefined || to === undefined) continue;
    const path = curveOf(edge, from, to, cache);
    const tone = overviewTone(edge);
    const key =
      moving.has(edge.source) || moving.has(edge.target)
        ? `${tone}:moving`
        : `${tone}:${Math.floor(from.x / TILE)}:${Math.floor(from.y / TILE)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { tone, parts: [path] });
    else group.parts.push(path);
  }
  const joined = new Map<string, { parts: string[]; d: string }>();
  const paths = [...groups].map(([key, { tone, parts }]) => {
    const last = cache.joined.get(key);
    const d = last !== undefined && sameParts(last.parts, parts) ? last.d : parts.join('');
    joined.set(key, { parts, d });
    return { key, tone, d };
  });
  cache.joined = joined;
  return paths.sort((a, b) => OVERVIEW_TONES.indexOf(a.tone) - OVERVIEW_TONES.indexOf(b.tone));
}

function curveOf(edge: FlowEdge, from: Point, to: Point, cache: OverviewPathCache): string {
  const last = cache.curves.get(edge);
  if (last !== undefined && samePoint(last.from, from) && samePoint(last.to, to)) return last.d;
  const [d] = getBezierPath({
    sourceX: from.x,
    sourceY: from.y,
    sourcePosition: Position.Right,
    targetX: to.x,
    targetY: to.y,
    targetPosition: Position.Left,
    curvature: EDGE_CURVATURE,
  });
  cache.curves.set(edge, { from, to, d });
  return d;
}

function samePoint(a: Point, b: Point): boolean {
  return a.x === b.x && a.y === b.y;
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
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
