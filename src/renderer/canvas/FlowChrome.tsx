import { Background, BackgroundVariant, Controls, MarkerType, MiniMap, type ReactFlowProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { NODE_TYPES } from './NodeCard.js';
import { OverviewEdges } from './OverviewEdges.js';
import { MAX_ZOOM, MIN_ZOOM } from './view-limits.js';
import { EDGE_TYPES } from './WorkflowEdge.js';

/** The React Flow props the designer canvas and the run canvas share. */
export const SHARED_FLOW_PROPS = {
  nodeTypes: NODE_TYPES,
  edgeTypes: EDGE_TYPES,
  defaultEdgeOptions: { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } },
  deleteKeyCode: null,
  minZoom: MIN_ZOOM,
  maxZoom: MAX_ZOOM,
  fitView: true,
  proOptions: { hideAttribution: true },
} satisfies Partial<ReactFlowProps<FlowNode, FlowEdge>>;

interface FlowChromeProps {
  nodeColor: (node: FlowNode) => string;
  minimapLabel: string;
  minimapStyle: { width: number; height: number };
  /** At the overview zoom level (zoom-level.ts): the edges to draw as OverviewEdges. */
  overviewEdges: readonly FlowEdge[] | undefined;
}

/**
 * Dotted background, minimap, zoom controls and the overview's edges, drawn the same on every
 * canvas. Memoised: the canvas renders on every step of a drag, and these follow React Flow's
 * store by themselves.
 */
export const FlowChrome = memo(function FlowChrome({
  nodeColor,
  minimapLabel,
  minimapStyle,
  overviewEdges,
}: FlowChromeProps) {
  return (
    <>
      {overviewEdges !== undefined && <OverviewEdges edges={overviewEdges} />}
      <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="var(--dot)" />
      <MiniMap
        pannable
        zoomable
        nodeColor={nodeColor}
        nodeStrokeWidth={0}
        nodeBorderRadius={6}
        maskColor="var(--minimap-mask)"
        ariaLabel={minimapLabel}
        style={minimapStyle}
      />
      <Controls showInteractive={false} position="bottom-left" />
    </>
  );
});
