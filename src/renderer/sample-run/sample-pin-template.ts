import type { WorkflowNode } from '#shared';

/** What a typed-in pin starts from: the shape the node's kind produces, where the kind fixes it. */
export function samplePinTemplate(node: WorkflowNode): unknown {
  if (node.kind === 'http') return { status: 200, headers: { 'content-type': 'application/json' }, body: {} };
  if (node.kind === 'forEach') return [];
  return {};
}
