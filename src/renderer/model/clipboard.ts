import type { Workflow, WorkflowEdge, WorkflowNode } from '#shared';
import { nodeIdSet, uniqueNodeId } from './node-defaults.js';
import type { Selection } from './flow-types.js';

export interface ClipboardContent {
  readonly nodes: readonly WorkflowNode[];
  /** Edges whose both ends were copied. */
  readonly edges: readonly WorkflowEdge[];
}

/** The selected nodes and the edges between them. */
export function copySelection(doc: Workflow, selection: Selection): ClipboardContent | undefined {
  const ids = new Set(selection.nodes);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const edges = doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return structuredClone({ nodes, edges });
}

/**
 * Pastes copied nodes with fresh ids (`check` → `check1`), moved by `offset`; edges between
 * them follow, compensations between them are renamed. A second start node is not pasted.
 */
export function pasteClipboard(
  doc: Workflow,
  clip: ClipboardContent,
  offset: { x: number; y: number },
): { doc: Workflow; ids: string[] } {
  const taken = nodeIdSet(doc);
  const hasStart = doc.nodes.some((n) => n.kind === 'start');
  const renamed = new Map<string, string>();
  const nodes: WorkflowNode[] = [];
  for (const node of clip.nodes) {
    if (node.kind === 'start' && hasStart) continue;
    const id = uniqueNodeId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    const position = {
      x: Math.round((node.position?.x ?? 0) + offset.x),
      y: Math.round((node.position?.y ?? 0) + offset.y),
    };
    nodes.push({ ...structuredClone(node), id, position });
  }
  const fixed = nodes.map((n) => {
    if (n.compensation === undefined) return n;
    const target = renamed.get(n.compensation);
    return target === undefined ? n : { ...n, compensation: target };
  });
  const edges = clip.edges.flatMap((e): WorkflowEdge[] => {
    const from = renamed.get(e.from);
    const to = renamed.get(e.to);
    if (from === undefined || to === undefined) return [];
    const copy: WorkflowEdge = { ...e, from, to };
    delete copy.id;
    return [copy];
  });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...fixed], edges: [...doc.edges, ...edges] },
    ids: fixed.map((n) => n.id),
  };
}
