import {
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type NodeDimensionChange,
  type NodePositionChange,
  type XYPosition,
} from '@xyflow/react';
import { compileWorkflow, parseWorkflowValue, type Problem } from '#engine';
import type { NodeGroup, NodeKind, StickyNote, Workflow, WorkflowEdge, WorkflowNode } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyAnnotationMoves } from '../model/annotation-flow.js';
import {
  addNote,
  groupNodes,
  groupsOf,
  notesOf,
  parseAnnotationKey,
  updateGroup,
  updateNote,
} from '../model/annotation-ops.js';
import { layoutPositions, type Size } from '../model/auto-layout.js';
import { copySelection, pasteClipboard, type ClipboardContent } from '../model/clipboard.js';
import { checkConnection, type ConnectionRequest, type ConnectionVerdict } from '../model/connection-rules.js';
import {
  addEdge,
  addNode,
  removeElements,
  renameNode,
  setPositions,
  updateEdgeAt,
  updateNode,
  type RenameResult,
} from '../model/document-ops.js';
import {
  applyNodeChangesToDocument,
  applySelectionChanges,
  EMPTY_PROJECTION,
  projectFlow,
  withPositions,
  type Projection,
} from '../model/flow-mappers.js';
import { EMPTY_SELECTION, type FlowEdge, type FlowNode, type Selection } from '../model/flow-types.js';
import { record, redo, replacePresent, startHistory, undo, type History } from '../model/history.js';
import { addNodeAfter, insertParallelSplit, type SplitRequest } from '../model/insert-ops.js';
import { indexProblems, type ProblemIndex } from '../model/problem-index.js';

export type Statechart = { config: unknown; problems: readonly Problem[] } | null;

export interface DesignerState {
  /** The document being edited (null when no workflow is open). */
  doc: Workflow | null;
  history: History<Workflow> | null;
  problems: readonly Problem[];
  problemIndex: ProblemIndex;
  /** Problems are being recomputed for the latest edit. */
  validating: boolean;
  selection: Selection;
  /** The React Flow view of `doc`. */
  projection: Projection;
  clipboard: ClipboardContent | null;
  statechart: Statechart;
  layingOut: boolean;

  load(doc: Workflow): void;
  close(): void;
  /** Any edit of the document; edits with the same `coalesceKey` in quick succession are one undo step. */
  edit(recipe: (doc: Workflow) => Workflow, coalesceKey?: string): void;
  /** React Flow's node changes: workflow nodes, sticky notes and group frames alike. */
  onNodesChange(changes: readonly NodeChange[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  connect(request: ConnectionRequest): ConnectionVerdict;
  addNode(kind: NodeKind, position: { x: number; y: number }): string | undefined;
  /** Adds a node right of `after`, connected from its first free port; selects it. */
  addNodeAfter(kind: NodeKind, after: string): string | undefined;
  /** Makes a second edge out of a port possible: a parallel block after the port, to both nodes. */
  splitIntoParallel(split: SplitRequest): string | undefined;
  addNote(position: { x: number; y: number }): string | undefined;
  updateNote(id: string, recipe: (note: StickyNote) => StickyNote, coalesceKey?: string): void;
  /** Groups the selected nodes; returns the group's id. */
  groupSelection(name?: string): string | undefined;
  updateGroup(id: string, recipe: (group: NodeGroup) => NodeGroup, coalesceKey?: string): void;
  updateNode(id: string, recipe: (node: WorkflowNode) => WorkflowNode, coalesceKey?: string): void;
  renameNode(from: string, to: string): RenameResult;
  updateEdge(edgeKey: string, recipe: (edge: WorkflowEdge) => WorkflowEdge, coalesceKey?: string): void;
  select(selection: Selection): void;
  selectAll(): void;
  deleteSelection(): void;
  copy(): boolean;
  cut(): void;
  paste(): string[];
  undo(): void;
  redo(): void;
  /** Sets the document without an undo step (e.g. the version the server gave it on save). */
  replaceQuietly(doc: Workflow): void;
  autoLayout(): Promise<boolean>;
  compileStatechart(): void;
  validateNow(): void;
}

export type DesignerStore = StoreApi<DesignerState>;

export interface DesignerOptions {
  now?: () => number;
  /** Debounce of validation after an edit. */
  validateDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => Timer;
  clearTimer?: (handle: Timer) => void;
}

type Timer = ReturnType<typeof setTimeout>;

const PASTE_STEP = 40;

export function validateDocument(doc: Workflow): Problem[] {
  return parseWorkflowValue(doc).problems;
}

export function createDesignerStore(options: DesignerOptions = {}): DesignerStore {
  const now = options.now ?? (() => Date.now());
  const delay = options.validateDelayMs ?? 150;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: Timer) => clearTimeout(handle));
  let timer: Timer | undefined;
  let pasteCount = 0;
  /**
   * Nodes being dragged and where they are now. They reach the document (one edit, one undo
   * step) when dropped: re-projecting the whole document, and re-rendering everything that
   * reads it, on every frame of a drag made dragging a large workflow stutter.
   */
  const dragged = new Map<string, XYPosition>();

  return createStore<DesignerState>()((set, get) => {
    /** Re-projects after doc/selection/problems changed, keeping unchanged flow objects. */
    const commit = (
      patch: Partial<
        Pick<DesignerState, 'doc' | 'history' | 'selection' | 'problems' | 'problemIndex' | 'validating' | 'statechart'>
      >,
    ): void => {
      const state = get();
      const doc = patch.doc !== undefined ? patch.doc : state.doc;
      const wanted = patch.selection ?? state.selection;
      const problemIndex = patch.problemIndex ?? state.problemIndex;
      const projection =
        doc === null
          ? EMPTY_PROJECTION
          : withPositions(projectFlow(doc, problemIndex, wanted, state.projection), dragged);
      set({ ...patch, selection: doc === null ? wanted : pruneSelection(wanted, projection, doc), projection });
    };

    const runValidation = (): void => {
      timer = undefined;
      const doc = get().doc;
      if (doc === null) return;
      const problems = validateDocument(doc);
      commit({ problems, problemIndex: indexProblems(problems), validating: false });
    };

    const scheduleValidation = (): void => {
      if (timer !== undefined) clearTimer(timer);
      timer = setTimer(runValidation, delay);
    };

    const apply = (next: Workflow, key?: string, selection?: Selection, layoutOnly = false): void => {
      const { history, doc } = get();
      if (history === null || doc === null || next === doc) return;
      commit({
        doc: next,
        history: record(history, next, now(), key),
        statechart: null,
        ...(selection === undefined ? {} : { selection }),
        ...(layoutOnly ? {} : { validating: true }),
      });
      if (!layoutOnly) scheduleValidation();
    };

    const travel = (move: (h: History<Workflow>) => History<Workflow>): void => {
      const { history } = get();
      if (history === null) return;
      const next = move(history);
      if (next === history) return;
      commit({ doc: next.present, history: next, statechart: null, validating: true });
      scheduleValidation();
    };

    return {
      doc: null,
      history: null,
      problems: [],
      problemIndex: indexProblems([]),
      validating: false,
      selection: EMPTY_SELECTION,
      projection: EMPTY_PROJECTION,
      clipboard: null,
      statechart: null,
      layingOut: false,

      load(doc) {
        if (timer !== undefined) clearTimer(timer);
        timer = undefined;
        pasteCount = 0;
        dragged.clear();
        const problems = validateDocument(doc);
        set({ projection: EMPTY_PROJECTION });
        commit({
          doc,
          history: startHistory(doc),
          selection: EMPTY_SELECTION,
          problems,
          problemIndex: indexProblems(problems),
          validating: false,
          statechart: null,
        });
      },
      close() {
        if (timer !== undefined) clearTimer(timer);
        timer = undefined;
        dragged.clear();
        set({
          doc: null,
          history: null,
          problems: [],
          problemIndex: indexProblems([]),
          selection: EMPTY_SELECTION,
          projection: EMPTY_PROJECTION,
          statechart: null,
          validating: false,
        });
      },
      edit(recipe, coalesceKey) {
        const doc = get().doc;
        if (doc !== null) apply(recipe(doc), coalesceKey);
      },
      onNodesChange(changes) {
        const state = get();
        if (state.doc === null) return;
        const sizes = changes.filter((c): c is NodeDimensionChange => c.type === 'dimensions');
        if (sizes.length > 0)
          set({ projection: { ...state.projection, nodes: applyNodeChanges(sizes, state.projection.nodes) } });
        const selection = applySelectionChanges(get().selection, changes, []);
        const positions = changes.filter((c): c is NodePositionChange => c.type === 'position');
        // Notes and groups (few) move in the document as they are dragged.
        const annotationMoves = positions.filter((c) => parseAnnotationKey(c.id) !== undefined);
        if (annotationMoves.length > 0) {
          const next = applyAnnotationMoves(state.doc, annotationMoves, state.projection.nodes);
          apply(next, `move:${annotationMoves.map((c) => c.id).join(',')}`, selection, true);
        }
        const nodeMoves = positions.filter((c) => parseAnnotationKey(c.id) === undefined);
        for (const c of nodeMoves) {
          if (c.dragging !== true) dragged.delete(c.id);
          else if (c.position !== undefined) dragged.set(c.id, c.position);
        }
        if (nodeMoves.some((c) => c.dragging === true)) set({ projection: withPositions(get().projection, dragged) });
        // A drop (or a keyboard move): the positions go into the document.
        const moved = nodeMoves.filter((c) => c.dragging !== true);
        if (moved.length > 0) {
          const next = applyNodeChangesToDocument(get().doc ?? state.doc, moved, get().projection);
          const key = `move:${moved
            .map((c) => c.id)
            .sort()
            .join(',')}`;
          apply(next, key, selection, true);
          // Dropped where it was picked up: the document is the same, the drawn node goes back to it.
          if (get().doc === state.doc) commit({ selection });
        }
        if (selection !== get().selection) commit({ selection });
      },
      onEdgesChange(changes) {
        const selection = applySelectionChanges(get().selection, [], changes);
        if (selection !== get().selection) commit({ selection });
      },
      connect(request) {
        const doc = get().doc;
        if (doc === null) return { ok: false, reason: 'No workflow is open' };
        const verdict = checkConnection(doc, request);
        if (verdict.ok) apply(addEdge(doc, verdict.edge));
        return verdict;
      },
      addNode(kind, position) {
        const doc = get().doc;
        if (doc === null) return undefined;
        const added = addNode(doc, kind, position);
        apply(added.doc, undefined, { nodes: [added.id], edges: [] });
        return added.id;
      },
      addNodeAfter(kind, after) {
        const { doc, projection } = get();
        if (doc === null) return undefined;
        const added = addNodeAfter(doc, kind, after, measuredSizes(projection.nodes));
        if (added === undefined) return undefined;
        apply(added.doc, undefined, { nodes: [added.id], edges: [] });
        return added.id;
      },
      splitIntoParallel(split) {
        const { doc, projection } = get();
        if (doc === null) return undefined;
        const made = insertParallelSplit(doc, split, measuredSizes(projection.nodes));
        if (made === undefined) return undefined;
        apply(made.doc, undefined, { nodes: [made.id], edges: [] });
        return made.id;
      },
      addNote(position) {
        const doc = get().doc;
        if (doc === null) return undefined;
        const added = addNote(doc, position);
        apply(added.doc, undefined, { nodes: [`note:${added.id}`], edges: [] }, true);
        return added.id;
      },
      updateNote(id, recipe, coalesceKey) {
        const doc = get().doc;
        if (doc !== null) apply(updateNote(doc, id, recipe), coalesceKey, undefined, true);
      },
      groupSelection(name) {
        const { doc, selection } = get();
        if (doc === null) return undefined;
        const made = groupNodes(doc, selection.nodes, name);
        if (made === undefined) return undefined;
        apply(made.doc, undefined, { nodes: [`group:${made.id}`], edges: [] }, true);
        return made.id;
      },
      updateGroup(id, recipe, coalesceKey) {
        const doc = get().doc;
        if (doc !== null) apply(updateGroup(doc, id, recipe), coalesceKey, undefined, true);
      },
      updateNode(id, recipe, coalesceKey) {
        const doc = get().doc;
        if (doc !== null) apply(updateNode(doc, id, recipe), coalesceKey);
      },
      renameNode(from, to) {
        const doc = get().doc;
        if (doc === null) return { ok: false, reason: 'No workflow is open' };
        const result = renameNode(doc, from, to);
        if (result.ok && result.doc !== doc) {
          const selection = get().selection;
          apply(result.doc, undefined, { ...selection, nodes: selection.nodes.map((n) => (n === from ? to : n)) });
        }
        return result;
      },
      updateEdge(edgeKey, recipe, coalesceKey) {
        const { doc, projection } = get();
        const index = projection.edgeIndex.get(edgeKey);
        if (doc === null || index === undefined) return;
        const next = updateEdgeAt(doc, index, recipe);
        if (next === doc) return;
        // The edge's key may change with its port: keep it selected under its new key.
        apply(next, coalesceKey);
        const newKey = [...get().projection.edgeIndex].find(([, i]) => i === index)?.[0];
        if (newKey !== undefined && newKey !== edgeKey) commit({ selection: { nodes: [], edges: [newKey] } });
      },
      select(selection) {
        commit({ selection });
      },
      selectAll() {
        const { projection } = get();
        commit({ selection: { nodes: projection.nodes.map((n) => n.id), edges: [...projection.edgeIndex.keys()] } });
      },
      deleteSelection() {
        const { doc, selection } = get();
        if (doc === null) return;
        apply(removeElements(doc, selection), undefined, EMPTY_SELECTION);
      },
      copy() {
        const { doc, selection } = get();
        if (doc === null) return false;
        const clip = copySelection(doc, selection);
        if (clip === undefined) return false;
        pasteCount = 0;
        set({ clipboard: clip });
        return true;
      },
      cut() {
        if (get().copy()) get().deleteSelection();
      },
      paste() {
        const { doc, clipboard } = get();
        if (doc === null || clipboard === null) return [];
        pasteCount += 1;
        const step = PASTE_STEP * pasteCount;
        const pasted = pasteClipboard(doc, clipboard, { x: step, y: step });
        apply(pasted.doc, undefined, { nodes: pasted.ids, edges: [] });
        return pasted.ids;
      },
      undo() {
        travel(undo);
      },
      redo() {
        travel(redo);
      },
      replaceQuietly(doc) {
        const history = get().history;
        if (history === null) return;
        commit({ doc, history: replacePresent(history, doc) });
      },
      async autoLayout() {
        const { doc, projection } = get();
        if (doc === null) return false;
        set({ layingOut: true });
        try {
          const positions = await layoutPositions(doc, measuredSizes(projection.nodes));
          // Edits made while ELK was busy win: lay out only the document it was given.
          if (get().doc !== doc) return false;
          apply(setPositions(doc, positions), undefined, undefined, true);
          return true;
        } finally {
          set({ layingOut: false });
        }
      },
      compileStatechart() {
        const doc = get().doc;
        if (doc === null) return;
        const parsed = parseWorkflowValue(doc);
        if (!parsed.ok) {
          set({ statechart: { config: null, problems: parsed.problems } });
          return;
        }
        const { config, diagnostics } = compileWorkflow(parsed.workflow);
        set({ statechart: { config: config ?? null, problems: diagnostics } });
      },
      validateNow() {
        if (timer !== undefined) clearTimer(timer);
        runValidation();
      },
    };
  });
}

/** The sizes React Flow measured, by node id. */
export function measuredSizes(nodes: readonly FlowNode[]): Map<string, Size> {
  const sizes = new Map<string, Size>();
  for (const node of nodes) {
    if (node.measured?.width !== undefined && node.measured.height !== undefined)
      sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
  }
  return sizes;
}

/** Drops selected ids that are no longer on the canvas (after a delete, an undo, a rename). */
function pruneSelection(selection: Selection, projection: Projection, doc: Workflow): Selection {
  if (selection.nodes.length === 0 && selection.edges.length === 0) return selection;
  const nodes = selection.nodes.filter((id) => projection.nodeIndex.has(id) || hasAnnotation(doc, id));
  const edges = selection.edges.filter((id) => projection.edgeIndex.has(id));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length
    ? selection
    : { nodes, edges };
}

function hasAnnotation(doc: Workflow, key: string): boolean {
  const parsed = parseAnnotationKey(key);
  if (parsed === undefined) return false;
  const list: readonly { id: string }[] = parsed.kind === 'note' ? notesOf(doc) : groupsOf(doc);
  return list.some((item) => item.id === parsed.id);
}
