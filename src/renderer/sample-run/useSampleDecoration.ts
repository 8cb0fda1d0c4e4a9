import { PINNABLE_KINDS } from '#engine';
import type { WorkflowPins } from '#shared';
import { useMemo, useRef } from 'react';
import type { FlowNode } from '../model/flow-types.js';
import type { NodeRunInfo } from '../run-model/node-status.js';
import { useDesigner, usePins, useSampleRun } from '../stores/stores-context.js';
import '../runs/run-canvas.css';

interface Cached {
  base: FlowNode;
  node: FlowNode;
}

/** Designer nodes with the last "run to here" status and a pin mark; the projection itself when there is neither. */
export function decorateSample(
  base: FlowNode[],
  statuses: ReadonlyMap<string, NodeRunInfo> | undefined,
  pins: WorkflowPins | undefined,
  cache: Map<string, Cached>,
): FlowNode[] {
  if (statuses === undefined && (pins === undefined || Object.keys(pins).length === 0)) return base;
  return base.map((node) => {
    const run = statuses?.get(node.id);
    const pinned = pins !== undefined && Object.hasOwn(pins, node.id) && PINNABLE_KINDS.has(node.data.kind);
    const cached = cache.get(node.id);
    // Unchanged nodes keep their object: memoised cards skip them.
    if (
      cached !== undefined &&
      cached.base === node &&
      cached.node.data.run?.key === run?.key &&
      cached.node.data.pinned === pinned
    )
      return cached.node;
    if (run === undefined && !pinned) return node;
    const next: FlowNode = { ...node, data: { ...node.data, run, pinned } };
    cache.set(node.id, { base: node, node: next });
    return next;
  });
}

/** The designer canvas's nodes, decorated with the open workflow's sample run and pins. */
export function useSampleDecoration(nodes: FlowNode[]): FlowNode[] {
  const workflowId = useDesigner((s) => s.doc?.id);
  const statuses = useSampleRun((s) =>
    s.result !== null && s.result.workflowId === workflowId ? s.result.statuses : undefined,
  );
  const pins = usePins((s) => (s.workflowId === workflowId ? s.pins : undefined));
  const cache = useRef(new Map<string, Cached>());
  return useMemo(() => decorateSample(nodes, statuses, pins, cache.current), [nodes, statuses, pins]);
}
