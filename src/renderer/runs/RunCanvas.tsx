import {
  NodeToolbar,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import type { Workflow } from '#shared';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { FlowChrome, SHARED_FLOW_PROPS } from '../canvas/FlowChrome.js';
import { useLevelOfDetail } from '../canvas/useLevelOfDetail.js';
import { useZoomedOut, useZoomLevel } from '../canvas/useZoomLevel.js';
import { zoomLevelClass } from '../canvas/zoom-level.js';
import { documentToFlow } from '../model/flow-mappers.js';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { edgeKey } from '../run-model/node-index.js';
import type { NodeRunInfo } from '../run-model/node-status.js';
import { useUi } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import '../canvas/canvas.css';
import '../canvas/nodes.css';
import { useFollowNode } from './useFollowNode.js';
import './run-canvas.css';
import './fork.css';

const FIT_OPTIONS = { padding: 0.14, maxZoom: 1.1 };
const MINIMAP_STYLE = { width: 160, height: 110 };

interface Size {
  width: number;
  height: number;
}

function decorateNodes(
  base: readonly FlowNode[],
  statuses: ReadonlyMap<string, NodeRunInfo>,
  sizes: ReadonlyMap<string, Size>,
  cache: Map<string, { base: FlowNode; node: FlowNode }>,
  selectedNode: string | null,
): FlowNode[] {
  return base.map((node) => {
    const run = statuses.get(node.id);
    const selected = node.id === selectedNode;
    const size = sizes.get(node.id);
    const cached = cache.get(node.id);
    // Only nodes whose status (or size) changed get a new object: memoised cards skip the rest.
    if (
      cached !== undefined &&
      cached.base === node &&
      cached.node.data.run?.key === run?.key &&
      (cached.node.selected === true) === selected &&
      cached.node.measured?.width === size?.width &&
      cached.node.measured?.height === size?.height
    )
      return cached.node;
    const next: FlowNode = {
      ...node,
      draggable: false,
      connectable: false,
      selected,
      data: { ...node.data, run },
      ...(size === undefined ? {} : { measured: size }),
    };
    cache.set(node.id, { base: node, node: next });
    return next;
  });
}

function decorateEdges(
  base: readonly FlowEdge[],
  taken: ReadonlySet<string>,
  cache: Map<string, FlowEdge>,
): FlowEdge[] {
  return base.map((edge) => {
    const data = edge.data;
    if (data === undefined || data.role !== 'flow') return edge;
    const run = taken.has(edgeKey(edge.source, data.port, edge.target)) ? 'taken' : 'untaken';
    const cached = cache.get(edge.id);
    if (cached !== undefined && cached.data?.run === run) return cached;
    const next: FlowEdge = { ...edge, selectable: false, focusable: false, data: { ...data, run } };
    cache.set(edge.id, next);
    return next;
  });
}

export interface RunCanvasProps {
  doc: Workflow;
  statuses: ReadonlyMap<string, NodeRunInfo>;
  taken: ReadonlySet<string>;
  /** The node to keep on screen (see useFollowNode). */
  focusNode?: string | undefined;
  onNodeClick?: (nodeId: string) => void;
  /** Offers "Retry from here" under each failed node (absent: the run cannot be forked). */
  onRetry?: (nodeId: string) => void;
  /** The node whose data is shown: drawn as selected. */
  selectedNode?: string | null;
}

/** The run's workflow on the designer's canvas components, read-only, with each node's status. */
export const RunCanvas = memo(function RunCanvas(props: RunCanvasProps) {
  return (
    <ReactFlowProvider>
      <RunCanvasView {...props} />
    </ReactFlowProvider>
  );
});

function RunCanvasView({ doc, statuses, taken, focusNode, onNodeClick, onRetry, selectedNode = null }: RunCanvasProps) {
  const theme = useUi((s) => s.theme);
  const projection = useMemo(() => documentToFlow(doc, []), [doc]);
  const sizes = useRef(new Map<string, Size>());
  const nodeCache = useRef(new Map<string, { base: FlowNode; node: FlowNode }>());
  const edgeCache = useRef(new Map<string, FlowEdge>());
  const [sizeVersion, setSizeVersion] = useState(0);

  const nodes = useMemo(
    () => decorateNodes(projection.nodes, statuses, sizes.current, nodeCache.current, selectedNode),
    // sizeVersion stands for the sizes map, which changes in place.
    [projection, statuses, sizeVersion, selectedNode],
  );
  const edges = useMemo(() => decorateEdges(projection.edges, taken, edgeCache.current), [projection, taken]);
  const failed = useMemo(
    () => [...statuses].filter(([, info]) => info.status === 'failed').map(([id]) => id),
    [statuses],
  );
  const zoom = useZoomLevel(nodes);
  const zoomedOut = useZoomedOut();
  const shown = useLevelOfDetail(nodes, edges, zoom);
  useFollowNode(focusNode);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    let changed = false;
    for (const change of changes) {
      if (change.type !== 'dimensions' || change.dimensions === undefined) continue;
      const old = sizes.current.get(change.id);
      if (old?.width === change.dimensions.width && old.height === change.dimensions.height) continue;
      sizes.current.set(change.id, { ...change.dimensions });
      changed = true;
    }
    if (changed) setSizeVersion((v) => v + 1);
  }, []);

  const handleNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => onNodeClick?.(node.id),
    [onNodeClick],
  );

  return (
    <div
      className={`canvas run-canvas ${zoomLevelClass(zoom)} ${zoomedOut ? 'is-zoomed-out' : ''}`}
      data-testid="run-canvas"
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={shown.nodes}
        edges={shown.edges}
        {...SHARED_FLOW_PROPS}
        onNodesChange={onNodesChange}
        onNodeClick={handleNodeClick}
        colorMode={theme}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitViewOptions={FIT_OPTIONS}
        aria-label="Run canvas"
      >
        {onRetry !== undefined &&
          failed.map((id) => (
            <NodeToolbar key={id} nodeId={id} isVisible position={Position.Bottom} offset={8}>
              <button
                type="button"
                className="btn btn-sm btn-danger-outline run-retry"
                data-testid={`retry-${id}`}
                title={`Fork this run just before ${id} was entered: ${id} runs again, nothing before it does`}
                onClick={() => onRetry(id)}
              >
                <Icon name="retry" size={13} /> Retry from here
              </button>
            </NodeToolbar>
          ))}
        <FlowChrome
          nodeColor={miniMapColor}
          minimapLabel="Overview of the run"
          minimapStyle={MINIMAP_STYLE}
          overviewEdges={shown.overviewEdges}
        />
      </ReactFlow>
    </div>
  );
}

const MINIMAP_COLORS: Record<NodeRunInfo['status'], string> = {
  idle: 'var(--border-strong)',
  active: 'var(--accent)',
  waiting: 'var(--warning)',
  retrying: 'var(--warning)',
  completed: 'var(--success)',
  failed: 'var(--danger)',
  cancelled: 'var(--text-3)',
};

function miniMapColor(node: FlowNode): string {
  return MINIMAP_COLORS[node.data.run?.status ?? 'idle'];
}
