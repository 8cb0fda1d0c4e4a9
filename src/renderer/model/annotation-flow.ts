import type { Node, NodePositionChange } from '@xyflow/react';
import type { Annotations, NodeGroup, StickyNote, Workflow } from '#shared';
import {
  collapsedMembers,
  groupKey,
  groupsOf,
  moveGroup,
  noteKey,
  parseAnnotationKey,
  updateNote,
} from './annotation-ops.js';
import type { FlowEdge, FlowNode } from './flow-types.js';

export type NoteFlowNode = Node<{ note: StickyNote }, 'wfnote'>;
export type GroupFlowNode = Node<{ group: NodeGroup; members: number; crossing: number }, 'wfgroup'>;
/** Everything the designer canvas draws as a React Flow node. */
export type CanvasNode = FlowNode | NoteFlowNode | GroupFlowNode;

export const NOTE_WIDTH = 240;
/** Room between a group's frame and its nodes (the frame's title bar sits above them). */
export const GROUP_PAD = 24;
const GROUP_HEAD = 28;
export const COLLAPSED_GROUP = { width: 216, height: 64 } as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function nodeBox(node: FlowNode): Box {
  return {
    ...node.position,
    width: node.measured?.width ?? node.initialWidth ?? 216,
    height: node.measured?.height ?? node.initialHeight ?? 100,
  };
}

/** The frame around a group's nodes on the canvas (undefined when none of them is drawn). */
export function groupFrame(group: NodeGroup, byId: ReadonlyMap<string, FlowNode>): Box | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const id of group.nodes) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const box = nodeBox(node);
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  if (left === Infinity) return undefined;
  if (group.collapsed === true) return { x: left, y: top, ...COLLAPSED_GROUP };
  return {
    x: left - GROUP_PAD,
    y: top - GROUP_PAD - GROUP_HEAD,
    width: right - left + 2 * GROUP_PAD,
    height: bottom - top + 2 * GROUP_PAD + GROUP_HEAD,
  };
}

/** Memo of derived flow objects, so that unchanged ones keep their identity across renders. */
export interface AnnotationCache {
  hidden: WeakMap<FlowNode | FlowEdge, FlowNode | FlowEdge>;
  notes: WeakMap<StickyNote, NoteFlowNode>;
}

export function createAnnotationCache(): AnnotationCache {
  return { hidden: new WeakMap(), notes: new WeakMap() };
}

function hiddenCopy<T extends FlowNode | FlowEdge>(item: T, cache: AnnotationCache): T {
  let copy = cache.hidden.get(item) as T | undefined;
  if (copy === undefined) {
    copy = { ...item, hidden: true };
    cache.hidden.set(item, copy);
  }
  return copy;
}

/**
 * The canvas elements with the document's annotations added: sticky notes and group frames as
 * nodes of their own (groups behind the graph), the nodes of a collapsed group hidden and their
 * edges to the outside drawn to the group's box. Without annotations, the very same arrays.
 */
export function withAnnotationElements(
  annotations: Annotations | undefined,
  nodes: FlowNode[],
  edges: FlowEdge[],
  selected: ReadonlySet<string>,
  noteHeights: ReadonlyMap<string, number>,
  cache: AnnotationCache,
): { nodes: CanvasNode[]; edges: FlowEdge[] } {
  const notes = annotations?.notes ?? [];
  const groups = annotations?.groups ?? [];
  if (notes.length === 0 && groups.length === 0) return { nodes, edges };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hidden = collapsedMembers(groups);
  const shownNodes: CanvasNode[] = [];
  const groupNodes: GroupFlowNode[] = [];
  const crossing = new Map<string, number>();
  const shownEdges: FlowEdge[] = [];
  for (const edge of edges) {
    const from = hidden.get(edge.source);
    const to = hidden.get(edge.target);
    if (from === undefined && to === undefined) {
      shownEdges.push(edge);
      continue;
    }
    shownEdges.push(hiddenCopy(edge, cache));
    if (from === to || edge.data?.role !== 'flow') continue;
    for (const group of [from, to]) if (group !== undefined) crossing.set(group, (crossing.get(group) ?? 0) + 1);
    shownEdges.push({
      ...edge,
      id: `${edge.id}@group`,
      source: from === undefined ? edge.source : groupKey(from),
      sourceHandle: from === undefined ? edge.sourceHandle : 'out',
      target: to === undefined ? edge.target : groupKey(to),
      targetHandle: 'in',
      selectable: false,
      selected: false,
    });
  }
  for (const group of groups) {
    const frame = groupFrame(group, byId);
    if (frame === undefined) continue;
    const key = groupKey(group.id);
    groupNodes.push({
      id: key,
      type: 'wfgroup',
      position: { x: frame.x, y: frame.y },
      width: frame.width,
      height: frame.height,
      // Its size is known: React Flow keeps its anchors' measurements only while `measured` is given.
      measured: { width: frame.width, height: frame.height },
      zIndex: group.collapsed === true ? 0 : -1,
      selected: selected.has(key),
      dragHandle: '.wf-group-head',
      ariaLabel: `Group ${group.name}`,
      data: { group, members: group.nodes.length, crossing: crossing.get(group.id) ?? 0 },
    });
  }
  shownNodes.push(...groupNodes);
  for (const node of nodes) shownNodes.push(hidden.has(node.id) ? hiddenCopy(node, cache) : node);
  for (const note of notes) shownNodes.push(noteNode(note, selected.has(noteKey(note.id)), noteHeights, cache));
  return { nodes: shownNodes, edges: shownEdges };
}

function noteNode(
  note: StickyNote,
  selected: boolean,
  heights: ReadonlyMap<string, number>,
  cache: AnnotationCache,
): NoteFlowNode {
  const prev = cache.notes.get(note);
  const height = heights.get(note.id);
  if (prev !== undefined && prev.selected === selected && prev.measured?.height === height) return prev;
  const width = note.width ?? NOTE_WIDTH;
  const node: NoteFlowNode = {
    id: noteKey(note.id),
    type: 'wfnote',
    position: note.position,
    selected,
    width,
    initialHeight: 96,
    ariaLabel: 'Sticky note',
    data: { note },
    ...(height === undefined ? {} : { measured: { width, height } }),
  };
  cache.notes.set(note, node);
  return node;
}

/** A drag of sticky notes (to their new place) and group frames (their nodes move along). */
export function applyAnnotationMoves(
  doc: Workflow,
  changes: readonly NodePositionChange[],
  nodes: readonly FlowNode[],
): Workflow {
  let next = doc;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const change of changes) {
    const key = parseAnnotationKey(change.id);
    if (change.position === undefined || key === undefined) continue;
    const { x, y } = change.position;
    if (key.kind === 'note') {
      next = updateNote(next, key.id, (note) =>
        note.position.x === Math.round(x) && note.position.y === Math.round(y)
          ? note
          : { ...note, position: { x: Math.round(x), y: Math.round(y) } },
      );
      continue;
    }
    const group = groupsOf(next).find((g) => g.id === key.id);
    const frame = group === undefined ? undefined : groupFrame(group, byId);
    if (frame !== undefined) next = moveGroup(next, key.id, x - frame.x, y - frame.y);
  }
  return next;
}
