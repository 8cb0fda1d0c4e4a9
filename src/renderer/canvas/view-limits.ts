/** How far every canvas zooms out and in. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2;

/** The designer's fit: a margin around the workflow, and never closer than 110 %. */
export const FIT_PADDING = 0.12;
export const FIT_MAX_ZOOM = 1.1;
