import { useNodes } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { FlowLayerPortal } from './FlowLayerPortal.js';
import { blockAnchors, newPathCache, overviewPaths } from './overview-edges.js';

/**
 * The edges of the overview (see zoom-level.ts): joined paths under the blocks, drawn
 * instead of React Flow's one SVG element per edge (see useLevelOfDetail). They are
 * rebuilt only when nodes or edges change (a drag, a selection), never on a pan or zoom step.
 */
export function OverviewEdges({ edges }: { edges: readonly FlowEdge[] }) {
  const nodes = useNodes<FlowNode>();
  const cache = useRef(newPathCache());
  const paths = useMemo(
    () => overviewPaths(edges, blockAnchors(nodes), movingIds(nodes), cache.current),
    [nodes, edges],
  );
  return (
    <FlowLayerPortal layer="viewport">
      <svg className="overview-edges" aria-hidden="true" data-testid="overview-edges">
        {paths.map(({ key, tone, d }) => (
          <path key={key} className={`overview-edge tone-${tone}`} d={d} />
        ))}
      </svg>
    </FlowLayerPortal>
  );
}

function movingIds(nodes: readonly FlowNode[]): Set<string> {
  return new Set(nodes.flatMap((node) => (node.dragging === true ? [node.id] : [])));
}
