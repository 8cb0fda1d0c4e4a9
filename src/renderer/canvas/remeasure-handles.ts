import type { ReactFlowState } from '@xyflow/react';

type Updates = Parameters<ReactFlowState['updateNodeInternals']>[0];

/**
 * Asks React Flow to measure again, in one update, the nodes it last measured without any
 * handle: blocks of the overview now drawn as cards. It measures a node by itself only when
 * the node's size changes, and a card may have just the size its block had.
 */
export function remeasureHandleless(state: ReactFlowState): void {
  const { domNode, nodeLookup, updateNodeInternals } = state;
  if (domNode === null) return;
  const updates: Updates = new Map();
  for (const element of domNode.querySelectorAll<HTMLDivElement>('.react-flow__node')) {
    const id = element.dataset['id'];
    if (id === undefined) continue;
    const handles = nodeLookup.get(id)?.internals.handleBounds;
    const none = handles === undefined || (handles.source === null && handles.target === null);
    if (none) updates.set(id, { id, nodeElement: element, force: true });
  }
  if (updates.size > 0) updateNodeInternals(updates);
}
