/**
 * How much detail a canvas draws. A large workflow zoomed out puts hundreds of cards on
 * screen, each a few pixels wide: drawing their text, shadows and arrowheads costs frames and
 * shows nothing readable.
 * - `near`: full cards;
 * - `far`: flat cards, names only (no shadows, no small print);
 * - `overview`: kind-coloured blocks and bare lines, like the minimap.
 */
export type ZoomLevel = 'near' | 'far' | 'overview';

/** Smaller workflows always get full cards: they are cheap to draw at any zoom. */
export const LIGHT_DRAWING_MIN_NODES = 60;
const FAR_BELOW_ZOOM = 0.5;
const OVERVIEW_BELOW_ZOOM = 0.3;

export function zoomLevel(zoom: number, nodeCount: number): ZoomLevel {
  if (nodeCount <= LIGHT_DRAWING_MIN_NODES || zoom >= FAR_BELOW_ZOOM) return 'near';
  return zoom < OVERVIEW_BELOW_ZOOM ? 'overview' : 'far';
}

/**
 * Below this zoom a 1.75-unit edge is under a pixel wide: the canvas draws edges in the stronger
 * colour at a fixed screen width instead (canvas.css), so they stay visible, dark theme included.
 */
export const THIN_EDGES_BELOW_ZOOM = 0.6;

/** The canvas wrapper's classes for a level (nodes.css and canvas.css style them). */
export function zoomLevelClass(level: ZoomLevel | undefined): string {
  if (level === 'overview') return 'is-far is-overview';
  return level === 'far' ? 'is-far' : '';
}

/**
 * Whether the canvas mounts only the nodes and edges in view. Every mounted card costs on
 * each frame of a drag or pan, in view or not (the browser lays out, hit-tests and layerizes
 * them all): a large workflow seen closely has most of its cards off screen. Not at the
 * overview, where a pan moves one drawn layer of blocks that would otherwise be re-mounted at
 * the screen's border; and always past 2,000 nodes.
 */
export function drawsOnlyVisible(level: ZoomLevel | undefined, nodeCount: number): boolean {
  if (nodeCount > CULLING_MIN_NODES) return true;
  return nodeCount > LIGHT_DRAWING_MIN_NODES && level !== undefined && level !== 'overview';
}

const CULLING_MIN_NODES = 2000;
