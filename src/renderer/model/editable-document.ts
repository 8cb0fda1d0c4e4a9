import { NODE_KINDS, Workflow, type NodeKind } from '#shared';

const NEEDS_CONFIG: ReadonlySet<NodeKind> = new Set([
  'fail',
  'script',
  'http',
  'delay',
  'log',
  'condition',
  'switch',
  'approval',
  'wait',
  'subflow',
  'forEach',
]);
const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);

export type EditableResult = { ok: true; doc: Workflow; exact: boolean } | { ok: false; message: string };

/**
 * Whether a document can be shown and edited on the canvas. A document that breaks the
 * schema only in its details (an empty expression, an unknown field) still opens, so that
 * its problems can be fixed where they are; one without nodes and edges cannot.
 */
export function toEditableDocument(value: unknown): EditableResult {
  const exact = Workflow.safeParse(value);
  if (exact.success) return { ok: true, doc: exact.data, exact: true };
  if (isEditable(value)) return { ok: true, doc: value, exact: false };
  return {
    ok: false,
    message:
      'this file is not a workflow the designer can show (it needs "nodes" and "edges" lists of well-formed nodes and edges)',
  };
}

function isEditable(value: unknown): value is Workflow {
  if (!isObject(value)) return false;
  const { id, name, nodes, edges } = value;
  if (typeof id !== 'string' || typeof name !== 'string' || !Array.isArray(nodes) || !Array.isArray(edges))
    return false;
  return (
    nodes.every(isEditableNode) &&
    edges.every((e) => isObject(e) && typeof e['from'] === 'string' && typeof e['to'] === 'string')
  );
}

function isEditableNode(node: unknown): boolean {
  if (!isObject(node) || typeof node['id'] !== 'string' || typeof node['kind'] !== 'string' || !KINDS.has(node['kind']))
    return false;
  const config = node['config'];
  if (config !== undefined && !isObject(config)) return false;
  const kind = node['kind'];
  if (isKind(kind) && NEEDS_CONFIG.has(kind) && config === undefined) return false;
  if (kind === 'switch' && !Array.isArray(isObject(config) ? config['cases'] : undefined)) return false;
  if (kind === 'wait' && !Array.isArray(isObject(config) ? config['events'] : undefined)) return false;
  const position = node['position'];
  return (
    position === undefined ||
    (isObject(position) && typeof position['x'] === 'number' && typeof position['y'] === 'number')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(kind: string): kind is NodeKind {
  return KINDS.has(kind);
}
