import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../model/flow-types.js';
import { DiagnosticsBadge } from './DiagnosticsBadge.js';
import { FlowLayerPortal } from './FlowLayerPortal.js';
import { EDGE_CURVATURE, pointOnEdge } from './edge-geometry.js';
import { EdgeLabel } from './edge-label-layout.js';

/** An edge with its port label (when not `out`), a `when` badge for parallel branches, and its problems. */
const WorkflowEdgeView = memo(function WorkflowEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    curvature: EDGE_CURVATURE,
  });
  if (data?.role === 'compensation') {
    return (
      <>
        <BaseEdge id={id} path={path} className="wf-edge edge-compensation" interactionWidth={0} />
        <FlowLayerPortal layer="edgeLabels">
          <EdgeLabel slot={`${id}:undo`} x={labelX} y={labelY} className="wf-edge-label nodrag nopan">
            <span className="edge-compensation-label">undo</span>
          </EdgeLabel>
        </FlowLayerPortal>
      </>
    );
  }
  const errors = data?.diagnostics.errors.length ?? 0;
  const warnings = data?.diagnostics.warnings.length ?? 0;
  const tone = errors > 0 ? 'edge-error' : warnings > 0 ? 'edge-warning' : '';
  const port = data?.port ?? 'out';
  const portTone = port === 'error' ? 'tone-error' : port === 'timeout' ? 'tone-timeout' : '';
  const runTone = data?.run === undefined ? '' : `run-${data.run}`;
  const showPort = port !== 'out';
  const showWhen = data?.when !== undefined;
  const showMiddle = showWhen || errors + warnings > 0;
  // Port labels sit 30% of the way along, where edges from neighbouring ports are still apart.
  const portAt = pointOnEdge(sourceX, sourceY, targetX, targetY, 0.3, EDGE_CURVATURE);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`wf-edge ${tone} ${portTone} ${runTone} ${selected ? 'is-selected' : ''}`}
        interactionWidth={16}
      />
      {(showPort || showMiddle) && (
        <FlowLayerPortal layer="edgeLabels">
          {showPort && (
            <EdgeLabel
              slot={`${id}:port`}
              x={portAt.x}
              y={portAt.y}
              className={`wf-edge-label nodrag nopan ${selected ? 'is-selected' : ''}`}
              testId={`edge-port-${id}`}
            >
              <span className={`edge-port ${portTone}`}>{port}</span>
            </EdgeLabel>
          )}
          {showMiddle && (
            <EdgeLabel
              slot={`${id}:middle`}
              x={labelX}
              y={labelY}
              className={`wf-edge-label nodrag nopan ${selected ? 'is-selected' : ''}`}
              testId={`edge-label-${id}`}
            >
              {showWhen && (
                <span className="edge-when" title={`when ${data?.when ?? ''}`}>
                  <span className="edge-when-key">when</span> {data?.when}
                </span>
              )}
              {data !== undefined && <DiagnosticsBadge diagnostics={data.diagnostics} className="edge-diag" />}
            </EdgeLabel>
          )}
        </FlowLayerPortal>
      )}
    </>
  );
});

export const EDGE_TYPES = { workflow: WorkflowEdgeView };
