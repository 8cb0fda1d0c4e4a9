import { defaultConfig, WorkflowNode, type NodeKind, type Workflow } from '#shared';

/** A node of `kind` with its registry defaults as config, ready to drop on the canvas. */
export function createNode(
  kind: NodeKind,
  id: string,
  position: { x: number; y: number },
  workflowId: string,
): WorkflowNode {
  const config = defaultConfig(kind, workflowId);
  return WorkflowNode.parse({
    id,
    kind,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    ...(config === undefined ? {} : { config }),
  });
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
