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
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { useCanvasBridge } from '../app/canvas-bridge.js';
import type { CanvasNode } from '../model/annotation-flow.js';
import { parseAnnotationKey } from '../model/annotation-ops.js';
import type { FlowEdge } from '../model/flow-types.js';
import { checkConnection, type ConnectionVerdict } from '../model/connection-rules.js';
import { useDesigner, useStores, useUi } from '../stores/stores-context.js';
import { ANNOTATION_NODE_TYPES } from './AnnotationNodes.js';
import { CanvasContextMenu, type MenuState, type MenuTarget } from './CanvasContextMenu.js';
import { ConnectionRefusedBanner } from './ConnectionRefusedBanner.js';
import { SampleRunBanner } from '../sample-run/SampleRunBanner.js';
import { useSampleDecoration } from '../sample-run/useSampleDecoration.js';
import { EdgeLabelLayoutProvider } from './edge-label-layout.js';
import { FindNode } from './FindNode.js';
import { NODE_TYPES } from './NodeCard.js';
import { useAnnotationElements } from './useAnnotationElements.js';
import { EmptyCanvasHint } from './EmptyCanvasHint.js';
import { FlowChrome, SHARED_FLOW_PROPS } from './FlowChrome.js';
import { useLevelOfDetail } from './useLevelOfDetail.js';
import { useZoomedOut, useZoomLevel } from './useZoomLevel.js';
import { FIT_OPTIONS, useViewRequests } from './useViewRequests.js';
import { drawsOnlyVisible, zoomLevelClass } from './zoom-level.js';
import './annotations.css';
import './canvas.css';
import './canvas-tools.css';
import './nodes.css';

import { DRAG_KIND_TYPE } from './drag-kind.js';
const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);
const MINIMAP_STYLE = { width: 168, height: 112 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Workflow nodes, sticky notes and group frames (one stable object, see NODE_TYPES). */
const CANVAS_NODE_TYPES = { ...NODE_TYPES, ...ANNOTATION_NODE_TYPES };

function isKind(value: string): value is NodeKind {
  return KINDS.has(value);
}

/** The workflow canvas: a React Flow view of the designer store's projection. */
export function Canvas() {
  const { designer, ui } = useStores();
  const nodes = useSampleDecoration(useDesigner((s) => s.projection.nodes));
  const edges = useDesigner((s) => s.projection.edges);
  const theme = useUi((s) => s.theme);
  const flow = useReactFlow<CanvasNode, FlowEdge>();
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
  const zoomedOut = useZoomedOut();
  const detail = useLevelOfDetail(nodes, edges, zoom);
  const shown = useAnnotationElements(detail.nodes, detail.edges);
  const { takeNoteSizes } = shown;
  const [menu, setMenu] = useState<MenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => designer.getState().onNodesChange(takeNoteSizes(changes)),
    [designer, takeNoteSizes],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => designer.getState().onEdgesChange(changes),
    [designer],
  );

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (connection) => {
      const doc = designer.getState().doc;
      if (doc === null) return false;
      const verdict = checkConnection(doc, {
        source: connection.source,
        sourceHandle: connection.sourceHandle ?? null,
        target: connection.target,
      });
      // A second edge out of a port is let through: dropping it offers a parallel block.
      return verdict.ok || verdict.split !== undefined;
    },
    [designer],
  );

  const refuse = useCallback(
    (verdict: ConnectionVerdict) => {
      if (verdict.ok) return;
      const split = verdict.split;
      ui.getState().refuse(
        verdict.reason,
        split === undefined
          ? undefined
          : { label: 'Insert a parallel block', run: () => void designer.getState().splitIntoParallel(split) },
      );
    },
    [designer, ui],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      refuse(
        designer
          .getState()
          .connect({ source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target }),
      );
    },
    [designer, refuse],
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
        refuse(designer.getState().connect(request));
        return;
      }
      const doc = designer.getState().doc;
      if (doc === null) return;
      const verdict = checkConnection(doc, request);
      if (verdict.ok) ui.getState().refuse('Connect an output port (right) to an input port (left)');
      else refuse(verdict);
    },
    [designer, ui, refuse],
  );

  const openMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent, target: MenuTarget) => {
      event.preventDefault();
      const rect = wrapper.current?.getBoundingClientRect();
      if (rect === undefined) return;
      // Right-clicking outside the selection acts on what was clicked alone.
      if (target.kind !== 'pane') {
        const { selection } = designer.getState();
        const list = target.kind === 'edge' ? selection.edges : selection.nodes;
        if (!list.includes(target.key))
          designer
            .getState()
            .select(target.kind === 'edge' ? { nodes: [], edges: [target.key] } : { nodes: [target.key], edges: [] });
      }
      setMenu({ left: event.clientX - rect.left, top: event.clientY - rect.top, target });
    },
    [designer],
  );
  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: CanvasNode) => {
      const kind = parseAnnotationKey(node.id)?.kind ?? 'node';
      openMenu(event, { kind, key: node.id });
    },
    [openMenu],
  );
  const onEdgeContextMenu = useCallback(
    (event: ReactMouseEvent, edge: FlowEdge) => {
      if (edge.selectable !== false) openMenu(event, { kind: 'edge', key: edge.id });
    },
    [openMenu],
  );
  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      openMenu(event, { kind: 'pane', at });
    },
    [openMenu, flow],
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
    <div
      className={`canvas ${zoomLevelClass(zoom)} ${zoomedOut ? 'is-zoomed-out' : ''}`}
      ref={wrapper}
      data-testid="canvas"
    >
      <EdgeLabelLayoutProvider>
        <ReactFlow<CanvasNode, FlowEdge>
          nodes={shown.nodes}
          edges={shown.edges}
          {...SHARED_FLOW_PROPS}
          nodeTypes={CANVAS_NODE_TYPES}
          onNodeContextMenu={onNodeContextMenu}
          onEdgeContextMenu={onEdgeContextMenu}
          onPaneContextMenu={onPaneContextMenu}
          onSelectionContextMenu={onPaneContextMenu}
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
            overviewEdges={detail.overviewEdges}
          />
        </ReactFlow>
      </EdgeLabelLayoutProvider>
      <EmptyCanvasHint />
      <ConnectionRefusedBanner />
      <SampleRunBanner />
      <FindNode />
      {menu !== null && <CanvasContextMenu menu={menu} onClose={closeMenu} />}
    </div>
  );
}

function miniMapColor(node: CanvasNode): string {
  if (node.type === 'wfnote') return 'var(--note-yellow, #f5d76e)';
  if (node.type === 'wfgroup') return 'transparent';
  if (node.data.diagnostics.errors.length > 0) return 'var(--danger)';
  return `var(--kind-${node.data.kind}, var(--accent))`;
}
