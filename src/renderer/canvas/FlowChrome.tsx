import { Background, BackgroundVariant, Controls, MarkerType, MiniMap, type ReactFlowProps } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { NODE_TYPES } from './NodeCard.js';
import { EDGE_TYPES } from './WorkflowEdge.js';

/** The React Flow props the designer canvas and the run canvas share. */
export const SHARED_FLOW_PROPS = {
  nodeTypes: NODE_TYPES,
  edgeTypes: EDGE_TYPES,
  defaultEdgeOptions: { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } },
  deleteKeyCode: null,
  minZoom: 0.05,
  maxZoom: 2,
  fitView: true,
  proOptions: { hideAttribution: true },
} satisfies Partial<ReactFlowProps<FlowNode, FlowEdge>>;

interface FlowChromeProps {
  nodeColor: (node: FlowNode) => string;
  minimapLabel: string;
  minimapStyle: { width: number; height: number };
}

/** Dotted background, minimap and zoom controls, drawn the same on every canvas. */
export function FlowChrome({ nodeColor, minimapLabel, minimapStyle }: FlowChromeProps) {
  return (
    <>
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
}
