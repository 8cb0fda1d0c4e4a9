import type { NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { createAnnotationCache, withAnnotationElements, type CanvasNode } from '../model/annotation-flow.js';
import { parseAnnotationKey } from '../model/annotation-ops.js';
import type { FlowEdge, FlowNode } from '../model/flow-types.js';
import { useDesigner } from '../stores/stores-context.js';

const NO_SELECTION: ReadonlySet<string> = new Set();

/**
 * The designer canvas' elements with sticky notes and groups added (see withAnnotationElements),
 * and a filter for React Flow's node changes that keeps the measured heights of notes here: the
 * document has no place for them. A workflow without annotations costs one selector.
 */
export function useAnnotationElements(
  nodes: FlowNode[],
  edges: FlowEdge[],
): {
  nodes: CanvasNode[];
  edges: FlowEdge[];
  /** The changes that are not note measurements (those it took). */
  takeNoteSizes: (changes: NodeChange<CanvasNode>[]) => NodeChange<CanvasNode>[];
} {
  const annotations = useDesigner((s) => s.doc?.annotations);
  const selectedNodes = useDesigner((s) => (s.doc?.annotations === undefined ? undefined : s.selection.nodes));
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(() => new Map());
  const cache = useRef(createAnnotationCache());
  const selected = useMemo(
    () => (selectedNodes === undefined ? NO_SELECTION : new Set(selectedNodes)),
    [selectedNodes],
  );
  const shown = useMemo(
    () => withAnnotationElements(annotations, nodes, edges, selected, heights, cache.current),
    [annotations, nodes, edges, selected, heights],
  );
  const takeNoteSizes = useCallback((changes: NodeChange<CanvasNode>[]) => {
    let measured: Map<string, number> | undefined;
    const rest = changes.filter((change) => {
      if (change.type !== 'dimensions' || parseAnnotationKey(change.id)?.kind !== 'note') return true;
      const height = change.dimensions?.height;
      if (height !== undefined) (measured ??= new Map()).set(change.id.slice('note:'.length), height);
      return false;
    });
    if (measured !== undefined) {
      const taken = measured;
      setHeights((before) => {
        if ([...taken].every(([id, h]) => before.get(id) === h)) return before;
        return new Map([...before, ...taken]);
      });
    }
    return rest;
  }, []);
  return { ...shown, takeNoteSizes };
}
