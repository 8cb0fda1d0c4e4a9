import type { NodeKind, Workflow, WorkflowNode } from '#shared';

/** A node of `kind` with a valid starting config, ready to drop on the canvas. */
export function createNode(
  kind: NodeKind,
  id: string,
  position: { x: number; y: number },
  workflowId: string,
): WorkflowNode {
  const base = { id, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (kind) {
    case 'start':
      return { ...base, kind };
    case 'end':
      return { ...base, kind, config: {} };
    case 'fail':
      return { ...base, kind, config: { message: 'failed' } };
    case 'transform':
      return { ...base, kind, config: { output: 'input' } };
    case 'script':
      return { ...base, kind, config: { code: 'return input;' } };
    case 'http':
      return { ...base, kind, config: { method: 'GET', url: 'https://example.com' } };
    case 'delay':
      return { ...base, kind, config: { ms: 1000 } };
    case 'log':
      return { ...base, kind, config: { message: 'Reached {{ run.id }}', level: 'info' } };
    case 'condition':
      return { ...base, kind, config: { when: 'true' } };
    case 'switch':
      return { ...base, kind, config: { cases: [{ port: 'case1', when: 'true' }] } };
    case 'parallel':
      return { ...base, kind };
    case 'join':
      return { ...base, kind, config: { mode: 'all' } };
    case 'approval':
      return { ...base, kind, config: { title: 'Approve?' } };
    case 'wait':
      return { ...base, kind, config: { events: ['go'] } };
    case 'subflow':
      return { ...base, kind, config: { workflow: workflowId } };
    case 'forEach':
      return { ...base, kind, config: { items: 'input.items', workflow: workflowId } };
  }
}

/** `http1`, `http2`, ...: the first free id built from `base` (a kind or an id without its number). */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/\d+$/, '') || 'node';
  for (let n = 1; ; n++) {
    const id = `${stem}${n}`;
    if (!taken.has(id)) return id;
  }
}

export function nodeIdSet(doc: Workflow): Set<string> {
  return new Set(doc.nodes.map((n) => n.id));
}
