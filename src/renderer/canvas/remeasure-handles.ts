import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';

type Canvas = ReturnType<typeof useStoreApi>;
type Updates = Parameters<ReactFlowState['updateNodeInternals']>[0];

const queued = new WeakMap<Canvas, Set<string>>();

/**
 * Has React Flow measure a card again if it last measured the node without any handle: as an
 * overview block, before the canvas zoomed in or before the card came into view (off-screen
 * cards are not mounted, see drawsOnlyVisible). React Flow measures a node by itself only when
 * its size changes, and a card may have just the size its block had; without handle positions
 * its edges are not drawn. The cards drawn in one commit are measured in one update.
 */
export function useHandlesMeasured(id: string, card: boolean): void {
  const canvas = useStoreApi();
  useEffect(() => {
    if (card && handleless(canvas.getState(), id)) remeasureSoon(canvas, id);
  }, [canvas, id, card]);
}

function handleless(state: ReactFlowState, id: string): boolean {
  const handles = state.nodeLookup.get(id)?.internals.handleBounds;
  // Never measured: React Flow measures it as it mounts.
  return handles !== undefined && handles.source === null && handles.target === null;
}

function remeasureSoon(canvas: Canvas, id: string): void {
  let ids = queued.get(canvas);
  if (ids === undefined) {
    const batch = new Set<string>();
    ids = batch;
    queued.set(canvas, batch);
    queueMicrotask(() => {
      queued.delete(canvas);
      remeasure(canvas.getState(), batch);
    });
  }
  ids.add(id);
}

function remeasure(state: ReactFlowState, ids: ReadonlySet<string>): void {
  const { domNode, updateNodeInternals } = state;
  if (domNode === null) return;
  const updates: Updates = new Map();
  for (const element of domNode.querySelectorAll<HTMLDivElement>('.react-flow__node')) {
    const id = element.dataset['id'];
    if (id !== undefined && ids.has(id) && handleless(state, id))
      updates.set(id, { id, nodeElement: element, force: true });
  }
  if (updates.size > 0) updateNodeInternals(updates);
}
