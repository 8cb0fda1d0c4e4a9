import type { Annotations, NodeGroup, StickyNote, Workflow } from '#shared';
import { uniqueNodeId } from './node-defaults.js';

/**
 * Pure edits of a document's annotations (sticky notes and node groups). On the canvas they
 * are elements keyed `note:ID` / `group:ID`, which no node key can be (node ids have no `:`).
 */
export type AnnotationKey = { kind: 'note' | 'group'; id: string };

export const noteKey = (id: string): string => `note:${id}`;
export const groupKey = (id: string): string => `group:${id}`;

export function parseAnnotationKey(key: string): AnnotationKey | undefined {
  const [kind, id] = key.split(':', 2);
  if ((kind === 'note' || kind === 'group') && id !== undefined && id !== '') return { kind, id };
  return undefined;
}

export function isAnnotationKey(key: string): boolean {
  return parseAnnotationKey(key) !== undefined;
}

const NO_NOTES: readonly StickyNote[] = [];
const NO_GROUPS: readonly NodeGroup[] = [];

export function notesOf(doc: Workflow): readonly StickyNote[] {
  return doc.annotations?.notes ?? NO_NOTES;
}

export function groupsOf(doc: Workflow): readonly NodeGroup[] {
  return doc.annotations?.groups ?? NO_GROUPS;
}

/** The document with these lists (an empty list, and then an empty `annotations`, is left out of the file). */
function withAnnotations(doc: Workflow, notes: readonly StickyNote[], groups: readonly NodeGroup[]): Workflow {
  const annotations: Annotations = {
    ...(notes.length > 0 ? { notes: [...notes] } : {}),
    ...(groups.length > 0 ? { groups: [...groups] } : {}),
  };
  const next = { ...doc };
  if (annotations.notes === undefined && annotations.groups === undefined) delete next.annotations;
  else next.annotations = annotations;
  return next;
}

export function addNote(doc: Workflow, position: { x: number; y: number }, text = ''): { doc: Workflow; id: string } {
  const id = uniqueNodeId('note', new Set(notesOf(doc).map((n) => n.id)));
  const note: StickyNote = { id, text, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  return { doc: withAnnotations(doc, [...notesOf(doc), note], groupsOf(doc)), id };
}

export function updateNote(doc: Workflow, id: string, recipe: (note: StickyNote) => StickyNote): Workflow {
  const notes = notesOf(doc);
  const i = notes.findIndex((n) => n.id === id);
  const note = notes[i];
  if (note === undefined) return doc;
  const next = recipe(note);
  if (next === note) return doc;
  return withAnnotations(doc, notes.with(i, next), groupsOf(doc));
}

/** Puts `nodes` into a new group (taking them out of any other group, so each node has at most one). */
export function groupNodes(
  doc: Workflow,
  nodes: readonly string[],
  name = 'Group',
): { doc: Workflow; id: string } | undefined {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const members = [...new Set(nodes)].filter((id) => ids.has(id));
  if (members.length === 0) return undefined;
  const taken = new Set(members);
  const id = uniqueNodeId('group', new Set(groupsOf(doc).map((g) => g.id)));
  const others = groupsOf(doc)
    .map((g) => (g.nodes.some((n) => taken.has(n)) ? { ...g, nodes: g.nodes.filter((n) => !taken.has(n)) } : g))
    .filter((g) => g.nodes.length > 0);
  return { doc: withAnnotations(doc, notesOf(doc), [...others, { id, name, nodes: members }]), id };
}

export function updateGroup(doc: Workflow, id: string, recipe: (group: NodeGroup) => NodeGroup): Workflow {
  const groups = groupsOf(doc);
  const i = groups.findIndex((g) => g.id === id);
  const group = groups[i];
  if (group === undefined) return doc;
  const next = recipe(group);
  if (next === group) return doc;
  return withAnnotations(doc, notesOf(doc), groups.with(i, next));
}

/** The group collapsed, or expanded again (`collapsed` is left out of the file when false). */
export function toggleCollapsed(group: NodeGroup): NodeGroup {
  const next = { ...group };
  if (group.collapsed === true) delete next.collapsed;
  else next.collapsed = true;
  return next;
}

/** Moves every member of a group by (dx, dy). */
export function moveGroup(doc: Workflow, id: string, dx: number, dy: number): Workflow {
  const group = groupsOf(doc).find((g) => g.id === id);
  if (group === undefined || (Math.round(dx) === 0 && Math.round(dy) === 0)) return doc;
  const members = new Set(group.nodes);
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      members.has(n.id) && n.position !== undefined
        ? { ...n, position: { x: Math.round(n.position.x + dx), y: Math.round(n.position.y + dy) } }
        : n,
    ),
  };
}

/**
 * Removes the annotations named by `keys`, and the `removedNodes` from every group (a group
 * left without members goes too).
 */
export function removeAnnotations(doc: Workflow, keys: readonly string[], removedNodes: ReadonlySet<string>): Workflow {
  const parsed = keys.map(parseAnnotationKey);
  const notes = new Set(parsed.filter((k) => k?.kind === 'note').map((k) => k?.id));
  const groups = new Set(parsed.filter((k) => k?.kind === 'group').map((k) => k?.id));
  const before = doc.annotations;
  if (before === undefined) return doc;
  if (notes.size === 0 && groups.size === 0 && !groupsOf(doc).some((g) => g.nodes.some((n) => removedNodes.has(n))))
    return doc;
  const keptGroups = groupsOf(doc)
    .filter((g) => !groups.has(g.id))
    .map((g) =>
      g.nodes.some((n) => removedNodes.has(n)) ? { ...g, nodes: g.nodes.filter((n) => !removedNodes.has(n)) } : g,
    )
    .filter((g) => g.nodes.length > 0);
  return withAnnotations(
    doc,
    notesOf(doc).filter((n) => !notes.has(n.id)),
    keptGroups,
  );
}

/** Group members follow a node's rename. */
export function renameGroupMember(doc: Workflow, from: string, to: string): Workflow {
  if (!groupsOf(doc).some((g) => g.nodes.includes(from))) return doc;
  const groups = groupsOf(doc).map((g) =>
    g.nodes.includes(from) ? { ...g, nodes: g.nodes.map((n) => (n === from ? to : n)) } : g,
  );
  return withAnnotations(doc, notesOf(doc), groups);
}

/** The nodes hidden on the canvas because their group is collapsed, each with its group's id. */
export function collapsedMembers(groups: readonly NodeGroup[]): ReadonlyMap<string, string> {
  const hidden = new Map<string, string>();
  for (const group of groups) {
    if (group.collapsed === true) for (const node of group.nodes) hidden.set(node, group.id);
  }
  return hidden;
}
