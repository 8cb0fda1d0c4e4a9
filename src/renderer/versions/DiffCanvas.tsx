import { ReactFlow, ReactFlowProvider, useNodesState } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { useMemo } from 'react';
import { FlowChrome, SHARED_FLOW_PROPS } from '../canvas/FlowChrome.js';
import { documentToFlow } from '../model/flow-mappers.js';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import type { DiffMark, VersionComparison } from '../model/version-compare.js';
import { edgeKey } from '../run-model/node-index.js';
import { useUi } from '../stores/stores-context.js';
import '../canvas/canvas.css';
import '../canvas/nodes.css';

const FIT_OPTIONS = { padding: 0.14, maxZoom: 1.1 };
const MINIMAP_STYLE = { width: 140, height: 96 };
const MINIMAP_COLORS: Record<DiffMark, string> = {
  added: 'var(--success)',
  removed: 'var(--danger)',
  changed: 'var(--warning)',
};

function flowOf({ doc, nodes, edges }: VersionComparison): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const projection = documentToFlow(doc, []);
  return {
    nodes: projection.nodes.map((node) => {
      const mark = nodes.get(node.id);
      return {
        ...node,
        draggable: false,
        connectable: false,
        ...(mark === undefined ? {} : { className: `diff-${mark}` }),
      };
    }),
    edges: projection.edges.map((edge) => {
      const port = edge.data?.role === 'flow' ? edge.data.port : undefined;
      const mark = port === undefined ? undefined : edges.get(edgeKey(edge.source, port, edge.target));
      return {
        ...edge,
        selectable: false,
        focusable: false,
        ...(mark === undefined ? {} : { className: `diff-${mark}` }),
      };
    }),
  };
}

/** Two versions on one read-only canvas: added nodes green, removed red (where they were), changed amber. */
export function DiffCanvas({ comparison }: { comparison: VersionComparison }) {
  return (
    <ReactFlowProvider>
      <DiffFlow comparison={comparison} />
    </ReactFlowProvider>
  );
}

function DiffFlow({ comparison }: { comparison: VersionComparison }) {
  const theme = useUi((s) => s.theme);
  const flow = useMemo(() => flowOf(comparison), [comparison]);
  // The nodes live in React Flow's state so that their measured sizes stick; the canvas is keyed per comparison.
  const [nodes, , onNodesChange] = useNodesState(flow.nodes);
  return (
    <div className="canvas diff-canvas" data-testid="diff-canvas">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={flow.edges}
        {...SHARED_FLOW_PROPS}
        onNodesChange={onNodesChange}
        colorMode={theme}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitViewOptions={FIT_OPTIONS}
        aria-label="Version diff canvas"
      >
        <FlowChrome
          nodeColor={(node) => {
            const mark = comparison.nodes.get(node.id);
            return mark === undefined ? 'var(--border-strong, var(--border))' : MINIMAP_COLORS[mark];
          }}
          minimapLabel="Overview of the diff"
          minimapStyle={MINIMAP_STYLE}
          overviewEdges={undefined}
        />
      </ReactFlow>
    </div>
  );
}
