import { useStore, type ReactFlowState } from '@xyflow/react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** React Flow's layers that take portals: edge labels, and anything drawn in flow coordinates. */
const LAYERS = {
  edgeLabels: '.react-flow__edgelabel-renderer',
  viewport: '.react-flow__viewport-portal',
} as const;
type Layer = keyof typeof LAYERS;

const found = new WeakMap<HTMLDivElement, Map<Layer, Element>>();

/** A layer of this canvas, looked up once (the layers live as long as the canvas). */
function findLayer(root: HTMLDivElement, layer: Layer): Element | null {
  let layers = found.get(root);
  if (layers === undefined) {
    layers = new Map<Layer, Element>();
    found.set(root, layers);
  }
  let element = layers.get(layer);
  if (element === undefined) {
    element = root.querySelector(LAYERS[layer]) ?? undefined;
    if (element !== undefined) layers.set(layer, element);
  }
  return element ?? null;
}

const selectors: Record<Layer, (state: ReactFlowState) => Element | null> = {
  edgeLabels: (s) => (s.domNode === null ? null : findLayer(s.domNode, 'edgeLabels')),
  viewport: (s) => (s.domNode === null ? null : findLayer(s.domNode, 'viewport')),
};

/**
 * What React Flow's EdgeLabelRenderer and ViewportPortal do, without their DOM query on every
 * store update: with hundreds of labelled edges those queries were a large part of each pan
 * and drag frame.
 */
export function FlowLayerPortal({ layer, children }: { layer: Layer; children: ReactNode }) {
  const element = useStore(selectors[layer]);
  return element === null ? null : createPortal(children, element);
}
