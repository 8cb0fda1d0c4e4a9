/** One edge as the diff names it: `from`, `port` (default `out`) and `to`. */
export interface EdgeRef {
  from: string;
  port: string;
  to: string;
}

export interface NodeChange {
  id: string;
  /** What differs: `kind`, `label`, `retry`, … and `config.FIELD` for config fields. */
  fields: string[];
}

/** What changed from one workflow document to another, layout aside. */
export interface DocumentDiff {
  /** Top-level fields whose value differs (`name`, `description`, `input`, `triggers`, …). */
  fields: string[];
  nodes: { added: string[]; removed: string[]; changed: NodeChange[] };
  edges: { added: EdgeRef[]; removed: EdgeRef[]; changed: EdgeRef[] };
}

/**
 * Never part of a design's content: the version number itself, the informative export and the
 * canvas' notes and groups (layout, like positions); nodes and edges are compared on their own.
 */
const NOT_CONTENT: ReadonlySet<string> = new Set(['version', 'statechart', 'annotations', 'nodes', 'edges']);
/** Layout only (DESIGN §2: `position` never affects behaviour). */
const NODE_LAYOUT: ReadonlySet<string> = new Set(['position']);

type Entries = Record<string, unknown>;

function isObject(value: unknown): value is Entries {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((key) => [key, canonical(value[key])]));
}

/** Same JSON content, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function listOf(doc: unknown, key: string): unknown[] {
  const value = isObject(doc) ? doc[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/** Nodes by id; one without a string id (a broken draft) is keyed by its place in the list. */
function nodesById(doc: unknown): Map<string, Entries> {
  const nodes = new Map<string, Entries>();
  listOf(doc, 'nodes').forEach((node, index) => {
    const entries = isObject(node) ? node : { value: node };
    nodes.set(typeof entries['id'] === 'string' ? entries['id'] : `#${index}`, entries);
  });
  return nodes;
}

function edgeRefOf(edge: Entries): EdgeRef {
  const text = (key: string, fallback: string) => (typeof edge[key] === 'string' ? edge[key] : fallback);
  return { from: text('from', '?'), port: text('port', 'out'), to: text('to', '?') };
}

/** Edges by `from:port->to`, with `#n` for the n-th repeat of the same link. */
function edgesByLink(doc: unknown): Map<string, { ref: EdgeRef; edge: Entries }> {
  const edges = new Map<string, { ref: EdgeRef; edge: Entries }>();
  for (const edge of listOf(doc, 'edges')) {
    const entries = isObject(edge) ? edge : {};
    const ref = edgeRefOf(entries);
    const link = `${ref.from}:${ref.port}->${ref.to}`;
    let key = link;
    for (let n = 2; edges.has(key); n += 1) key = `${link}#${n}`;
    edges.set(key, { ref, edge: entries });
  }
  return edges;
}

function changedKeys(a: Entries, b: Entries, skip: ReadonlySet<string>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !skip.has(key)).sort();
  return keys.filter((key) => !sameJson(a[key], b[key]));
}

function nodeFields(before: Entries, after: Entries): string[] {
  return changedKeys(before, after, NODE_LAYOUT).flatMap((key) => {
    const a = before[key];
    const b = after[key];
    if (key !== 'config' || !isObject(a) || !isObject(b)) return [key];
    return changedKeys(a, b, new Set()).map((field) => `config.${field}`);
  });
}

/**
 * What differs between two workflow documents (drafts too), ignoring what is layout only —
 * node positions — and the `version` number: nodes added, removed or changed (with the
 * fields), edges added, removed or changed (`when`, `id`), and top-level fields.
 *
 * @example
 * const diff = diffDocuments(version2, version3);
 * diff.nodes.changed; // [{ id: 'check', fields: ['config.when'] }]
 */
export function diffDocuments(before: unknown, after: unknown): DocumentDiff {
  const docA = isObject(before) ? before : {};
  const docB = isObject(after) ? after : {};
  const nodesA = nodesById(before);
  const nodesB = nodesById(after);
  const changed: NodeChange[] = [];
  for (const [id, node] of nodesB) {
    const old = nodesA.get(id);
    const fields = old === undefined ? [] : nodeFields(old, node);
    if (fields.length > 0) changed.push({ id, fields });
  }
  const edgesA = edgesByLink(before);
  const edgesB = edgesByLink(after);
  return {
    fields: changedKeys(docA, docB, NOT_CONTENT),
    nodes: {
      added: [...nodesB.keys()].filter((id) => !nodesA.has(id)),
      removed: [...nodesA.keys()].filter((id) => !nodesB.has(id)),
      changed,
    },
    edges: {
      added: [...edgesB].filter(([key]) => !edgesA.has(key)).map(([, e]) => e.ref),
      removed: [...edgesA].filter(([key]) => !edgesB.has(key)).map(([, e]) => e.ref),
      changed: [...edgesB]
        .filter(([key, e]) => {
          const old = edgesA.get(key);
          return old !== undefined && !sameJson(old.edge, e.edge);
        })
        .map(([, e]) => e.ref),
    },
  };
}

/** How many changes a diff lists. */
export function diffSize(diff: DocumentDiff): number {
  const { nodes, edges } = diff;
  return (
    diff.fields.length +
    nodes.added.length +
    nodes.removed.length +
    nodes.changed.length +
    edges.added.length +
    edges.removed.length +
    edges.changed.length
  );
}

/**
 * Do two documents describe the same design? Moving nodes, reordering the node or edge list
 * and the version number do not count: a layout-only save keeps its version.
 */
export function sameDesign(a: unknown, b: unknown): boolean {
  return diffSize(diffDocuments(a, b)) === 0;
}
