import {
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { NODE_KINDS, type NodeKind } from '#shared';
import { useCallback, useEffect, useRef, type DragEvent } from 'react';
import { useCanvasBridge } from '../app/canvas-bridge.js';
import { checkConnection } from '../model/connection-rules.js';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { useDesigner, useStores, useUi } from '../stores/stores-context.js';
import { ConnectionRefusedBanner } from './ConnectionRefusedBanner.js';
import { EmptyCanvasHint } from './EmptyCanvasHint.js';
import { FlowChrome, SHARED_FLOW_PROPS } from './FlowChrome.js';
import { useLevelOfDetail } from './useLevelOfDetail.js';
import { useZoomLevel } from './useZoomLevel.js';
import { FIT_OPTIONS, useViewRequests } from './useViewRequests.js';
import { drawsOnlyVisible, zoomLevelClass } from './zoom-level.js';
import './canvas.css';
import './nodes.css';

import { DRAG_KIND_TYPE } from './drag-kind.js';
const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);
const MINIMAP_STYLE = { width: 168, height: 112 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

function isKind(value: string): value is NodeKind {
  return KINDS.has(value);
}

/** The workflow canvas: a React Flow view of the designer store's projection. */
export function Canvas() {
  const { designer, ui } = useStores();
  const nodes = useDesigner((s) => s.projection.nodes);
  const edges = useDesigner((s) => s.projection.edges);
  const theme = useUi((s) => s.theme);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const bridge = useCanvasBridge();

  useEffect(() => {
    bridge.current = {
      center: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        if (rect === undefined) return undefined;
        return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      },
    };
    return () => {
      bridge.current = null;
    };
  }, [bridge, flow]);

  useViewRequests();
  const zoom = useZoomLevel(nodes);
  const shown = useLevelOfDetail(nodes, edges, zoom);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => designer.getState().onNodesChange(changes),
    [designer],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => designer.getState().onEdgesChange(changes),
    [designer],
  );

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (connection) => {
      const doc = designer.getState().doc;
      return (
        doc !== null &&
        checkConnection(doc, {
          source: connection.source,
          sourceHandle: connection.sourceHandle ?? null,
          target: connection.target,
        }).ok
      );
    },
    [designer],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const verdict = designer
        .getState()
        .connect({ source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target });
      if (!verdict.ok) ui.getState().refuse(verdict.reason);
    },
    [designer, ui],
  );

  // A drop that made no edge: say why (or, dropped on a node's body, connect to its input).
  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || state.fromNode === null || state.fromHandle === null) return;
      let other = state.toNode?.id;
      if (other === undefined) {
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        const hit = point === undefined ? null : document.elementFromPoint(point.clientX, point.clientY);
        other = hit?.closest('.react-flow__node')?.getAttribute('data-id') ?? undefined;
      }
      if (other === undefined) return;
      const fromSource = state.fromHandle.type === 'source';
      const request = fromSource
        ? { source: state.fromNode.id, sourceHandle: state.fromHandle.id ?? null, target: other }
        : {
            source: other,
            sourceHandle: state.toHandle?.type === 'source' ? (state.toHandle.id ?? null) : null,
            target: state.fromNode.id,
          };
      if (state.toNode === null && fromSource) {
        // Dropped on a node body rather than on its input handle: connect to its input.
        const verdict = designer.getState().connect(request);
        if (!verdict.ok) ui.getState().refuse(verdict.reason);
        return;
      }
      const doc = designer.getState().doc;
      if (doc === null) return;
      const verdict = checkConnection(doc, request);
      ui.getState().refuse(verdict.ok ? 'Connect an output port (right) to an input port (left)' : verdict.reason);
    },
    [designer, ui],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_KIND_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(DRAG_KIND_TYPE);
      if (!isKind(kind)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      designer.getState().addNode(kind, { x: at.x - 24, y: at.y - 28 });
    },
    [designer, flow],
  );

  return (
    <div className={`canvas ${zoomLevelClass(zoom)}`} ref={wrapper} data-testid="canvas">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={shown.nodes}
        edges={shown.edges}
        {...SHARED_FLOW_PROPS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDragOver={onDragOver}
        onDrop={onDrop}
        colorMode={theme}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectNodesOnDrag={false}
        onlyRenderVisibleElements={drawsOnlyVisible(zoom, nodes.length)}
        snapToGrid
        snapGrid={[8, 8]}
        fitViewOptions={FIT_OPTIONS}
        connectionRadius={28}
        aria-label="Workflow canvas"
      >
        <FlowChrome
          nodeColor={miniMapColor}
          minimapLabel="Overview of the workflow"
          minimapStyle={MINIMAP_STYLE}
          overviewEdges={shown.overviewEdges}
        />
      </ReactFlow>
      <EmptyCanvasHint />
      <ConnectionRefusedBanner />
    </div>
  );
}

function miniMapColor(node: FlowNode): string {
  if (node.data.diagnostics.errors.length > 0) return 'var(--danger)';
  return `var(--kind-${node.data.kind}, var(--accent))`;
}
