import type { Workflow, WorkflowNode } from '#shared';
import { kindTitle } from './node-kinds.js';

/**
 * The nodes whose id, label or kind contains every word of `query` (any case), best first:
 * an id or label that starts with the query, then the rest in document order.
 *
 * @example
 * findNodes(doc, 'appr') // → [the approval node `boss` labelled "Approve order", …]
 */
export function findNodes(doc: Workflow, query: string, limit = 8): WorkflowNode[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return doc.nodes.slice(0, limit);
  const first = words[0] ?? '';
  const scored: { node: WorkflowNode; score: number; index: number }[] = [];
  doc.nodes.forEach((node, index) => {
    const id = node.id.toLowerCase();
    const label = (node.label ?? '').toLowerCase();
    const text = `${id} ${label} ${node.kind.toLowerCase()} ${kindTitle(node.kind).toLowerCase()}`;
    if (!words.every((w) => text.includes(w))) return;
    const score = id === first ? 0 : id.startsWith(first) || label.startsWith(first) ? 1 : 2;
    scored.push({ node, score, index });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((s) => s.node);
}
