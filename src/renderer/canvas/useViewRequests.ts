import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { useStores, useUi } from '../stores/stores-context.js';
import { FIT_MAX_ZOOM, FIT_PADDING } from './view-limits.js';

export const FIT_OPTIONS = { padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM, duration: 200 };

/**
 * Fit / focus requests from the rest of the app. A request made as a workflow opens waits
 * (a few frames at most) until its nodes have been measured, so the fit uses real sizes.
 */
export function useViewRequests(): void {
  const request = useUi((s) => s.viewRequest);
  const { designer } = useStores();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const handled = useRef(0);
  useEffect(() => {
    if (request === null || request.nonce === handled.current) return;
    handled.current = request.nonce;
    let frame = 0;
    let tries = 0;
    const attempt = (): void => {
      const nodes = designer.getState().projection.nodes;
      const measured = nodes.every((n) => n.measured?.width !== undefined);
      if (!measured && tries++ < 30) {
        frame = requestAnimationFrame(attempt);
        return;
      }
      if (request.kind === 'fit') void flow.fitView(FIT_OPTIONS);
      else void flow.fitView({ nodes: request.nodes.map((id) => ({ id })), padding: 0.8, maxZoom: 1, duration: 300 });
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [request, flow, designer]);
}
