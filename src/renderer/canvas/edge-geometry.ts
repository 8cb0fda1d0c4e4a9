/** How far edges bow out of their handles (getBezierPath's curvature), the same on every canvas. */
export const EDGE_CURVATURE = 0.3;

/**
 * A point along the bezier React Flow draws from a right-hand source handle to a left-hand
 * target handle (same control points as getBezierPath), for placing labels off the middle.
 */
export function pointOnEdge(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  t: number,
  curvature: number,
): { x: number; y: number } {
  const offset = (distance: number): number => (distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance));
  const c1x = sx + offset(tx - sx);
  const c2x = tx - offset(tx - sx);
  const u = 1 - t;
  const x = u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx;
  const y = u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty;
  return { x, y };
}
