import { createContext, useContext, useRef, type ReactNode, type RefObject } from 'react';

/** What the canvas lets the rest of the app ask of it (set while the canvas is mounted). */
export interface CanvasBridge {
  /** The flow position at the centre of the visible canvas. */
  center(): { x: number; y: number } | undefined;
}

const BridgeContext = createContext<RefObject<CanvasBridge | null> | null>(null);

export function CanvasBridgeProvider({ children }: { children: ReactNode }) {
  const ref = useRef<CanvasBridge | null>(null);
  return <BridgeContext.Provider value={ref}>{children}</BridgeContext.Provider>;
}

export function useCanvasBridge(): RefObject<CanvasBridge | null> {
  const ref = useContext(BridgeContext);
  if (ref === null) throw new Error('useCanvasBridge must be used inside <CanvasBridgeProvider>');
  return ref;
}
