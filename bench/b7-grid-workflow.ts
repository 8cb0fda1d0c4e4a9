import type { Workflow } from '#shared';
import { bigWorkflow } from './workflows.js';

/** Cell of the grid: wider and taller than the largest card (216 × 122), so no two nodes overlap. */
const CELL = { width: 280, height: 180 };

/**
 * B6's generated workflow of `nodes` nodes (transforms, conditions, parallel blocks, joins,
 * logs) with every node placed on a grid, row by row, about as wide as tall on a 1440 × 900
 * screen. The nodes have positions and do not overlap, so the designer opens the document
 * as it is (no ELK layout), as it would a saved workflow.
 */
export function gridWorkflow(nodes: number): Workflow {
  const doc = bigWorkflow(nodes);
  const cols = Math.max(1, Math.ceil(Math.sqrt(nodes * (CELL.height / CELL.width) * 1.25)));
  return {
    ...doc,
    id: `bench-grid-${nodes}`,
    name: `Grid of ${nodes} nodes`,
    nodes: doc.nodes.map((node, i) => ({
      ...node,
      position: { x: (i % cols) * CELL.width, y: Math.floor(i / cols) * CELL.height },
    })),
  };
}

/** The smallest workflow the designer opens (start → end): the app's own cost, the baseline of a cold load. */
export function tinyWorkflow(): Workflow {
  return gridWorkflow(2);
}

export function gridFile(nodes: number): string {
  return `grid-${nodes}.flow.json`;
}
