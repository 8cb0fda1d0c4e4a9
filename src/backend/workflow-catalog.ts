import { z } from 'zod';
import { WORKFLOW_FORMAT } from '#shared';
import { parseJsonText } from './json-text.js';
import type { Workspace } from './workspace.js';

/** A workspace document by workflow id, as found on disk (not necessarily valid). */
export interface CatalogEntry {
  file: string;
  value: Record<string, unknown>;
}

export type Catalog = ReadonlyMap<string, CatalogEntry>;

const DocShape = z.object({
  format: z.string().optional(),
  id: z.string().optional(),
  nodes: z.array(z.unknown()).optional(),
  subflows: z.array(z.unknown()).optional(),
});
const CallingNode = z.object({ kind: z.enum(['subflow', 'forEach']), config: z.object({ workflow: z.string() }) });
const JsonObject = z.record(z.string(), z.unknown());

/** Reads the catalog at most once, and only when first asked. */
export function lazyCatalog(workspace: Workspace): () => Promise<Catalog> {
  let loaded: Promise<Catalog> | undefined;
  return () => (loaded ??= loadCatalog(workspace));
}

/** Every workflow document of the workspace by id; the first file (by name) wins a duplicate id. */
export async function loadCatalog(workspace: Workspace): Promise<Catalog> {
  const catalog = new Map<string, CatalogEntry>();
  for (const { file } of await workspace.list()) {
    try {
      const value = JsonObject.safeParse(parseJsonText(file, await workspace.read(file)));
      const shape = DocShape.safeParse(value.data);
      if (!value.success || !shape.success) continue;
      const { format, id } = shape.data;
      if (format === WORKFLOW_FORMAT && id !== undefined && !catalog.has(id))
        catalog.set(id, { file, value: value.data });
    } catch {
      // An unreadable or broken file cannot serve as a subflow; listWorkflows reports it.
    }
  }
  return catalog;
}

/** Ids of the document and of its embedded subflows, recursively. */
export function embeddedIds(doc: unknown): Set<string> {
  const ids = new Set<string>();
  const shape = DocShape.safeParse(doc);
  if (!shape.success) return ids;
  if (shape.data.id !== undefined) ids.add(shape.data.id);
  for (const sub of shape.data.subflows ?? []) for (const id of embeddedIds(sub)) ids.add(id);
  return ids;
}

/** Workflow ids that subflow/forEach nodes name, in the document and its embedded subflows. */
export function referencedIds(doc: unknown): string[] {
  const shape = DocShape.safeParse(doc);
  if (!shape.success) return [];
  const ids: string[] = [];
  for (const node of shape.data.nodes ?? []) {
    const calling = CallingNode.safeParse(node);
    if (calling.success) ids.push(calling.data.config.workflow);
  }
  for (const sub of shape.data.subflows ?? []) ids.push(...referencedIds(sub));
  return ids;
}

/** The document without the informative `statechart` that export adds. */
export function withoutStatechart(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'statechart'));
}

export interface Assembled {
  document: unknown;
  /** Ids of the workspace workflows added to `subflows`. */
  attached: string[];
}

/**
 * Adds to `subflows` every workflow that the document references (recursively) and that the
 * workspace holds but the document does not embed, so it validates and runs on its own.
 */
export async function withWorkspaceSubflows(doc: unknown, catalog: () => Promise<Catalog>): Promise<Assembled> {
  const root = JsonObject.safeParse(doc);
  if (!root.success) return { document: doc, attached: [] };
  const have = embeddedIds(root.data);
  const queue = referencedIds(root.data).filter((id) => !have.has(id));
  if (queue.length === 0) return { document: doc, attached: [] };
  const entries = await catalog();
  const attached: Record<string, unknown>[] = [];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const entry = entries.get(id);
    if (have.has(id) || entry === undefined) continue;
    for (const known of embeddedIds(entry.value)) have.add(known);
    attached.push(withoutStatechart(entry.value));
    queue.push(...referencedIds(entry.value));
  }
  if (attached.length === 0) return { document: doc, attached: [] };
  const existing = z.array(z.unknown()).safeParse(root.data['subflows']);
  return {
    document: { ...root.data, subflows: [...(existing.success ? existing.data : []), ...attached] },
    attached: attached.map((sub) => String(sub['id'])),
  };
}
