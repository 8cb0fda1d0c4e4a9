import { WORKFLOW_FORMAT, type Workflow } from '#shared';

/** `Order approval 2` → `order-approval-2`: a valid workflow id (and file stem). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return slug === '' ? 'workflow' : slug;
}

/** A first free id built from `name`, given the ids (and file stems) already taken. */
export function freeWorkflowId(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A new workflow: one start node, ready for the palette. */
export function blankWorkflow(id: string, name: string): Workflow {
  return {
    format: WORKFLOW_FORMAT,
    id,
    name,
    version: 1,
    nodes: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 } }],
    edges: [],
  };
}
