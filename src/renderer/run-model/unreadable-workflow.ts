import type { Workflow } from '#shared';

/** Stands in for a run's stored workflow the page cannot read: its events still show, without routing. */
export const UNREADABLE_WORKFLOW: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'unreadable',
  name: '',
  version: 1,
  nodes: [],
  edges: [],
};
