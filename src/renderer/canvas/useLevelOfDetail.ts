import { useMemo, useRef } from 'react';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { overviewNodes } from './overview-nodes.js';
import type { ZoomLevel } from './zoom-level.js';

const NO_NODES: FlowNode[] = [];
const NO_EDGES: FlowEdge[] = [];

export interface LevelOfDetail {
  /** What React Flow draws. */
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** At the overview level, the edges OverviewEdges draws instead of React Flow. */
  overviewEdges: FlowEdge[] | undefined;
}

/**
 * The elements to give React Flow at a zoom level (none while the level is not known yet).
 * At the overview, nodes become blocks without handles and React Flow gets no edges at all:
 * each edge it holds costs work on every pan and drag step, while one OverviewEdges draws
 * them all.
 */
export function useLevelOfDetail(nodes: FlowNode[], edges: FlowEdge[], level: ZoomLevel | undefined): LevelOfDetail {
  const made = useRef(new WeakMap<FlowNode, FlowNode>());
  const overview = level === 'overview';
  const shownNodes = useMemo(() => (overview ? overviewNodes(nodes, made.current) : nodes), [nodes, overview]);
  if (level === undefined) return { nodes: NO_NODES, edges: NO_EDGES, overviewEdges: undefined };
  return overview
    ? { nodes: shownNodes, edges: NO_EDGES, overviewEdges: edges }
    : { nodes: shownNodes, edges, overviewEdges: undefined };
}
