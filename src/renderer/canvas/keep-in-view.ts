export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The viewport that brings `rect` (flow coordinates) to the middle of a `width`×`height` pane,
 * at the same zoom, when it is not already inside the pane with `margin` pixels to spare;
 * undefined when it is (the view stays where it is).
 */
export function panToShow(
  view: Viewport,
  pane: { width: number; height: number },
  rect: Rect,
  margin = 40,
): Viewport | undefined {
  const { zoom } = view;
  const left = rect.x * zoom + view.x;
  const top = rect.y * zoom + view.y;
  const inside =
    left >= margin &&
    top >= margin &&
    left + rect.width * zoom <= pane.width - margin &&
    top + rect.height * zoom <= pane.height - margin;
  if (inside) return undefined;
  return {
    x: pane.width / 2 - (rect.x + rect.width / 2) * zoom,
    y: pane.height / 2 - (rect.y + rect.height / 2) * zoom,
    zoom,
  };
}
