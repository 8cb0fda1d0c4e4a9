import { kindSpec, NODE_KINDS, Workflow, type NodeKind } from '#shared';

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
  if (isKind(kind) && !hasDrawableConfig(kind, config)) return false;
  const position = node['position'];
  return (
    position === undefined ||
    (isObject(position) && typeof position['x'] === 'number' && typeof position['y'] === 'number')
  );
}

/** The canvas needs a config where one is required, and the list that a kind's ports come from. */
function hasDrawableConfig(kind: NodeKind, config: unknown): boolean {
  const spec = kindSpec(kind);
  if (!spec.optionalConfig && config === undefined) return false;
  if (spec.ports.type !== 'config') return true;
  return Array.isArray(isObject(config) ? config[spec.ports.list] : undefined);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(kind: string): kind is NodeKind {
  return KINDS.has(kind);
}
