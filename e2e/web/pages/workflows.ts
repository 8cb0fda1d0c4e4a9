import type { Workflow } from '#shared';
import type { ServeInstance } from '../serve-fixture.js';

/** Test documents, written to the workspace through the HTTP API (not by clicking). */

/** A new workflow as the designer creates it: one start node. */
export function blankDoc(id: string, name = id): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id,
    name,
    version: 1,
    nodes: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 } }],
    edges: [],
  };
}

/** start → check (condition) → yes / no (ends), laid out left to right. */
export function conditionDoc(id: string): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id,
    name: 'Amount check',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 80 } },
      { id: 'check', kind: 'condition', config: { when: 'input.amount > 100' }, position: { x: 240, y: 56 } },
      { id: 'big', kind: 'end', config: { output: "'big'" }, position: { x: 560, y: 0 } },
      { id: 'small', kind: 'end', config: { output: "'small'" }, position: { x: 560, y: 160 } },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', port: 'true', to: 'big' },
      { from: 'check', port: 'false', to: 'small' },
    ],
  };
}

/**
 * A valid chain whose nodes sit in one column, far apart and in the wrong order (the end on
 * top): no overlap, so it opens as it is, and any layered layout moves every node.
 */
export function scatteredDoc(id: string): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id,
    name: 'Scattered',
    version: 1,
    nodes: [
      { id: 'done', kind: 'end', position: { x: 0, y: 0 } },
      { id: 'log', kind: 'log', config: { message: 'hello' }, position: { x: 40, y: 400 } },
      { id: 'double', kind: 'transform', config: { output: 'input.n * 2' }, position: { x: 80, y: 800 } },
      { id: 'start', kind: 'start', position: { x: 120, y: 1200 } },
    ],
    edges: [
      { from: 'start', to: 'double' },
      { from: 'double', to: 'log' },
      { from: 'log', to: 'done' },
    ],
  };
}

/** Saves `workflow` as `file` in the served workspace and returns the file name. */
export async function seedWorkflow(serve: ServeInstance, file: string, workflow: Workflow): Promise<string> {
  await serve.api('saveWorkflow', { file, workflow });
  return file;
}
