import { createContext, useCallback, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { separateLabels, type LabelBox } from './separate-labels.js';

interface Slot {
  element: HTMLElement;
  x: number;
  y: number;
  /** Measured once per text: labels change size only when their text does. */
  size: { width: number; height: number; text: string } | undefined;
  dy: number;
}

/**
 * Keeps a canvas' edge labels apart. Each label reports where its edge puts it; once per frame
 * the labels that would overlap are moved down (a CSS variable the label's transform reads), so
 * React never renders again for it and an edge that did not move costs nothing.
 */
export class EdgeLabelLayout {
  private readonly slots = new Map<string, Slot>();
  private frame = 0;

  place(key: string, element: HTMLElement, x: number, y: number): void {
    const slot = this.slots.get(key);
    if (slot !== undefined && slot.element === element && slot.x === x && slot.y === y) return;
    this.slots.set(key, { element, x, y, size: slot?.element === element ? slot.size : undefined, dy: slot?.dy ?? 0 });
    this.schedule();
  }

  remove(key: string, element: HTMLElement): void {
    if (this.slots.get(key)?.element !== element) return;
    this.slots.delete(key);
    this.schedule();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.run());
  }

  private run(): void {
    this.frame = 0;
    const boxes = new Map<string, LabelBox>();
    for (const [key, slot] of this.slots) {
      const text = slot.element.textContent;
      // A label laid out before it could be measured (no size yet) is measured again.
      if (slot.size?.text !== text || slot.size.width === 0) {
        slot.size = { width: slot.element.offsetWidth, height: slot.element.offsetHeight, text };
      }
      if (slot.size.width > 0) boxes.set(key, { x: slot.x, y: slot.y, ...slot.size });
    }
    const offsets = separateLabels(boxes);
    for (const [key, slot] of this.slots) {
      const dy = offsets.get(key) ?? 0;
      if (dy === slot.dy) continue;
      slot.dy = dy;
      slot.element.style.setProperty('--label-dy', `${dy}px`);
    }
  }
}

const LayoutContext = createContext<EdgeLabelLayout | null>(null);

/** Gives the edges inside it one label layout (a canvas without it draws labels where they fall). */
export function EdgeLabelLayoutProvider({ children }: { children: ReactNode }) {
  const [layout] = useState(() => new EdgeLabelLayout());
  useLayoutEffect(() => () => layout.dispose(), [layout]);
  return <LayoutContext.Provider value={layout}>{children}</LayoutContext.Provider>;
}

/** The transform that puts a label's centre at (x, y), plus the layout's offset. */
export function labelTransform(x: number, y: number): string {
  return `translate(-50%, -50%) translate(${x}px, calc(${y}px + var(--label-dy, 0px)))`;
}

/** A ref for a label element centred at (x, y) that the canvas' layout keeps clear of the others. */
export function useLabelSlot(key: string, x: number, y: number): (element: HTMLElement | null) => void {
  const layout = useContext(LayoutContext);
  const element = useRef<HTMLElement | null>(null);
  const ref = useCallback(
    (next: HTMLElement | null) => {
      if (element.current !== null && element.current !== next) layout?.remove(key, element.current);
      element.current = next;
    },
    [layout, key],
  );
  useLayoutEffect(() => {
    if (element.current !== null) layout?.place(key, element.current, x, y);
  });
  return ref;
}

/** An edge label centred at (x, y), kept clear of the canvas' other labels. */
export function EdgeLabel({
  slot,
  x,
  y,
  className,
  testId,
  children,
}: {
  slot: string;
  x: number;
  y: number;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useLabelSlot(slot, x, y);
  return (
    <div ref={ref} className={className} style={{ transform: labelTransform(x, y) }} data-testid={testId}>
      {children}
    </div>
  );
}
