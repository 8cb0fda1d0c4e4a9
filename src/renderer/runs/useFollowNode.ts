import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { panToShow } from '../canvas/keep-in-view.js';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';

/**
 * Pans the run canvas, at whatever zoom it has, so that `nodeId` is on screen whenever it
 * changes (the node the selected event is about, as one steps, plays or follows a live run).
 */
export function useFollowNode(nodeId: string | undefined): void {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const canvas = useStoreApi<FlowNode, FlowEdge>();
  useEffect(() => {
    if (nodeId === undefined) return;
    const node = flow.getInternalNode(nodeId);
    const { width, height } = node?.measured ?? {};
    const { width: paneWidth, height: paneHeight, transform } = canvas.getState();
    // Not drawn yet: the opening fit shows it.
    if (node === undefined || width === undefined || height === undefined || paneWidth === 0) return;
    const [x, y, zoom] = transform;
    const { x: left, y: top } = node.internals.positionAbsolute;
    const next = panToShow(
      { x, y, zoom },
      { width: paneWidth, height: paneHeight },
      { x: left, y: top, width, height },
    );
    if (next !== undefined) void flow.setViewport(next, { duration: 200 });
  }, [nodeId, flow, canvas]);
}
