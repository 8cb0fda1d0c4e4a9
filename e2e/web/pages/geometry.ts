export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** `transform: translate(120px, 48px)` (React Flow's node wrapper style) → {x: 120, y: 48}. */
export function parseTranslate(style: string | null): Point {
  const match = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px\s*\)/.exec(style ?? '');
  if (match?.[1] === undefined || match[2] === undefined) throw new Error(`no translate() in style "${style ?? ''}"`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

/** Whether two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
