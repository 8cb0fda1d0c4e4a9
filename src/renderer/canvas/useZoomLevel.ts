import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import type { FlowNode } from '../model/flow-types.js';
import { predictedFit, unmeasuredBounds } from './fit-prediction.js';
import { LIGHT_DRAWING_MIN_NODES, THIN_EDGES_BELOW_ZOOM, zoomLevel, type ZoomLevel } from './zoom-level.js';

/**
 * The canvas' zoom level; re-renders only when the level changes, not on every pan or zoom
 * step. A large workflow that has just opened gets the level of the zoom its fit will give it
 * (the view jumps there at once; the fit corrects it once the nodes are measured), and no
 * level at all (undefined) until the canvas knows its own size: drawing its nodes at the wrong
 * level first would mean drawing them all twice.
 */
export function useZoomLevel(nodes: readonly FlowNode[]): ZoomLevel | undefined {
  const count = nodes.length;
  // Smaller workflows are drawn the same at every zoom: they open as before, and then fit.
  const fresh = useMemo(() => (count > LIGHT_DRAWING_MIN_NODES ? unmeasuredBounds(nodes) : undefined), [nodes, count]);
  useOpeningView(fresh);
  const level = useCallback(
    (s: ReactFlowState): ZoomLevel | undefined => {
      if (fresh === undefined) return zoomLevel(s.transform[2], count);
      return s.width > 0 ? zoomLevel(predictedFit(fresh, s.width, s.height).zoom, count) : undefined;
    },
    [fresh, count],
  );
  return useStore(level);
}

const selectZoomedOut = (s: ReactFlowState): boolean => s.transform[2] < THIN_EDGES_BELOW_ZOOM;

/** Whether the view is zoomed out below THIN_EDGES_BELOW_ZOOM; re-renders only when that flips. */
export function useZoomedOut(): boolean {
  return useStore(selectZoomedOut);
}

const selectWidth = (s: ReactFlowState): number => s.width;
const selectHeight = (s: ReactFlowState): number => s.height;

/** Moves the view of a workflow that has just opened to where its fit will about put it. */
function useOpeningView(fresh: ReturnType<typeof unmeasuredBounds>): void {
  const flow = useReactFlow();
  const width = useStore(selectWidth);
  const height = useStore(selectHeight);
  useEffect(() => {
    if (fresh !== undefined && width > 0) void flow.setViewport(predictedFit(fresh, width, height));
  }, [fresh, width, height, flow]);
}
