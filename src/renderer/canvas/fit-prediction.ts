import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';
import { estimateNodeSize } from '../model/auto-layout.js';
import type { FlowNode } from '../model/flow-types.js';
import { FIT_MAX_ZOOM, FIT_PADDING, MIN_ZOOM } from './view-limits.js';

/**
 * Where a fit will put a workflow that has just opened, from its positions and estimated card
 * sizes: so that its nodes are first drawn at the detail of that zoom (zoom-level.ts) rather
 * than as full cards at the previous zoom, to be replaced right after the fit. Undefined once
 * React Flow has measured a node (the real fit then knows better) or for an empty workflow.
 */
export function unmeasuredBounds(nodes: readonly FlowNode[]): Rect | undefined {
  if (nodes.length === 0 || nodes.some((n) => n.measured !== undefined)) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const size = estimateNodeSize(node.data.node);
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + size.width);
    maxY = Math.max(maxY, node.position.y + size.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function predictedFit(bounds: Rect, width: number, height: number): Viewport {
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_MAX_ZOOM, FIT_PADDING);
}
