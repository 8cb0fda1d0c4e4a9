import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { createDesignerStore } from './designer-store.js';

function setup() {
  let clock = 0;
  const timers: (() => void)[] = [];
  const store = createDesignerStore({
    now: () => clock,
    setTimer: (fn) => {
      timers.push(fn);
      return setTimeout(() => undefined, 0);
    },
    clearTimer: (handle) => clearTimeout(handle),
  });
  store.getState().load(orderApproval());
  const flush = (): void => {
    for (const fn of timers.splice(0)) fn();
  };
  return { store, tick: (ms: number) => (clock += ms), flush };
}

describe('designer store', () => {
  it('projects the loaded document and validates it', () => {
    const { store } = setup();
    const state = store.getState();
    expect(state.projection.nodes).toHaveLength(5);
    expect(state.problems).toEqual([]);
    expect(state.history?.past).toEqual([]);
  });

  it('undoes inspector typing as one step, and redoes it', () => {
    const { store, tick } = setup();
    const type = (when: string): void => {
      tick(200);
      store
        .getState()
        .updateNode(
          'check',
          (n) => (n.kind === 'condition' ? { ...n, config: { when } } : n),
          'node:check:config.when',
        );
    };
    type('input.amount > 1');
    type('input.amount > 10');
    type('input.amount > 100');
    tick(5000);
    store.getState().updateNode('check', (n) => ({ ...n, label: 'Big?' }), 'node:check:label');
    const when = (): unknown => store.getState().doc?.nodes.find((n) => n.id === 'check')?.config;
    expect(when()).toEqual({ when: 'input.amount > 100' });
    store.getState().undo();
    expect(store.getState().doc?.nodes[1]?.label).toBeUndefined();
    store.getState().undo();
    expect(when()).toEqual({ when: 'input.amount > 1000' });
    store.getState().redo();
    expect(when()).toEqual({ when: 'input.amount > 100' });
  });

  it('revalidates (debounced) after an edit and marks the node in the projection', () => {
    const { store, flush } = setup();
    store
      .getState()
      .updateNode('check', (n) => (n.kind === 'condition' ? { ...n, config: { when: 'input.amount >' } } : n));
    expect(store.getState().validating).toBe(true);
    flush();
    const check = store.getState().projection.nodes.find((n) => n.id === 'check');
    expect(check?.data.diagnostics.errors[0]).toMatch(/config\.when: syntax error/);
    expect(store.getState().problems[0]).toMatchObject({ node: 'check', field: 'config.when', code: 'BAD_EXPRESSION' });
  });

  it('connects valid edges and leaves the document alone on a refusal', () => {
    const { store } = setup();
    const before = store.getState().doc;
    expect(store.getState().connect({ source: 'check', sourceHandle: 'true', target: 'auto' })).toMatchObject({
      ok: false,
      reason: 'Port "true" of check is already connected',
    });
    expect(store.getState().doc).toBe(before);
    expect(store.getState().history?.past).toHaveLength(0);
    expect(store.getState().connect({ source: 'boss', sourceHandle: 'timeout', target: 'auto' }).ok).toBe(true);
    expect(store.getState().doc?.edges.at(-1)).toEqual({ from: 'boss', port: 'timeout', to: 'auto' });
  });

  it('drags a node as one undo step, written to the document when dropped', () => {
    const { store, tick } = setup();
    const before = store.getState().doc;
    const drawn = (): unknown => store.getState().projection.nodes.find((n) => n.id === 'check')?.position;
    for (const x of [250, 260, 270]) {
      tick(16);
      store.getState().onNodesChange([{ type: 'position', id: 'check', position: { x, y: 0 }, dragging: true }]);
    }
    expect(drawn()).toEqual({ x: 270, y: 0 });
    expect(store.getState().doc).toBe(before);
    // Something else re-projects mid-drag (here a selection): the node stays where it is dragged.
    store.getState().select({ nodes: ['boss'], edges: [] });
    expect(drawn()).toEqual({ x: 270, y: 0 });
    store.getState().onNodesChange([{ type: 'position', id: 'check', position: { x: 280.4, y: 0 }, dragging: false }]);
    expect(store.getState().doc?.nodes[1]?.position).toEqual({ x: 280, y: 0 });
    expect(drawn()).toEqual({ x: 280, y: 0 });
    expect(store.getState().history?.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc?.nodes[1]?.position).toEqual({ x: 240, y: 0 });
    expect(drawn()).toEqual({ x: 240, y: 0 });
  });

  it('puts a node dropped where it was picked up back at its document position, without an undo step', () => {
    const { store } = setup();
    const before = store.getState().doc;
    store.getState().onNodesChange([{ type: 'position', id: 'check', position: { x: 300, y: 8 }, dragging: true }]);
    store.getState().onNodesChange([{ type: 'position', id: 'check', position: { x: 240, y: 0 }, dragging: false }]);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().projection.nodes[1]?.position).toBe(before?.nodes[1]?.position);
    expect(store.getState().history?.past).toHaveLength(0);
  });

  it('keeps measured sizes and selection outside the history', () => {
    const { store } = setup();
    store.getState().onNodesChange([
      { type: 'dimensions', id: 'check', dimensions: { width: 216, height: 120 } },
      { type: 'select', id: 'check', selected: true },
    ]);
    const check = store.getState().projection.nodes.find((n) => n.id === 'check');
    expect(check?.measured).toEqual({ width: 216, height: 120 });
    expect(check?.selected).toBe(true);
    expect(store.getState().selection.nodes).toEqual(['check']);
    expect(store.getState().history?.past).toHaveLength(0);
  });

  it('deletes the selection, selects all, copies and pastes', () => {
    const { store } = setup();
    store.getState().select({ nodes: ['boss'], edges: [] });
    expect(store.getState().copy()).toBe(true);
    const ids = store.getState().paste();
    expect(ids).toEqual(['boss1']);
    expect(store.getState().selection.nodes).toEqual(['boss1']);
    const second = store.getState().paste();
    const [a, b] = [
      store.getState().doc?.nodes.find((n) => n.id === 'boss1'),
      store.getState().doc?.nodes.find((n) => n.id === second[0]),
    ];
    expect((b?.position?.x ?? 0) - (a?.position?.x ?? 0)).toBe(40);
    store.getState().deleteSelection();
    expect(store.getState().doc?.nodes.some((n) => n.id === second[0])).toBe(false);
    store.getState().selectAll();
    expect(store.getState().selection.nodes).toHaveLength(6);
    expect(store.getState().selection.edges).toHaveLength(5);
    store.getState().deleteSelection();
    expect(store.getState().doc?.nodes).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc?.nodes).toHaveLength(6);
  });

  it('renames a node, keeping it selected, and refuses a taken id', () => {
    const { store } = setup();
    store.getState().select({ nodes: ['boss'], edges: [] });
    expect(store.getState().renameNode('boss', 'check').ok).toBe(false);
    expect(store.getState().renameNode('boss', 'manager').ok).toBe(true);
    expect(store.getState().selection.nodes).toEqual(['manager']);
    expect(store.getState().projection.edges.some((e) => e.source === 'manager')).toBe(true);
  });

  it('changes an edge port and keeps the edge selected under its new key', () => {
    const { store } = setup();
    store.getState().select({ nodes: [], edges: ['boss:rejected->done'] });
    store.getState().updateEdge('boss:rejected->done', (e) => ({ ...e, port: 'timeout' }));
    expect(store.getState().selection.edges).toEqual(['boss:timeout->done']);
  });

  it('adds a node from the palette and selects it', () => {
    const { store } = setup();
    const id = store.getState().addNode('http', { x: 100, y: 100 });
    expect(id).toBe('http1');
    expect(store.getState().selection).toEqual({ nodes: ['http1'], edges: [] });
  });

  it('compiles the statechart on demand, or reports why it cannot', () => {
    const { store } = setup();
    store.getState().compileStatechart();
    expect(store.getState().statechart?.config).toMatchObject({ id: 'order-approval', initial: 'start' });
    store.getState().updateNode('check', (n) => (n.kind === 'condition' ? { ...n, config: { when: '(' } } : n));
    expect(store.getState().statechart).toBeNull();
    store.getState().compileStatechart();
    expect(store.getState().statechart?.config).toBeNull();
    expect(store.getState().statechart?.problems[0]?.node).toBe('check');
  });

  it('lays the workflow out left to right as one undo step', async () => {
    const { store } = setup();
    expect(await store.getState().autoLayout()).toBe(true);
    const x = (id: string): number => store.getState().doc?.nodes.find((n) => n.id === id)?.position?.x ?? NaN;
    expect(x('start')).toBeLessThan(x('check'));
    expect(x('check')).toBeLessThan(x('boss'));
    expect(x('boss')).toBeLessThan(x('done'));
    expect(store.getState().history?.past).toHaveLength(1);
  });

  it('adds a node after the selected one and turns a second edge out of a port into a parallel block', () => {
    const { store } = setup();
    const id = store.getState().addNodeAfter('log', 'done');
    // An end node has no ports: the node is added, unconnected, and selected.
    expect(id).toBe('log1');
    expect(store.getState().selection.nodes).toEqual(['log1']);
    const verdict = store.getState().connect({ source: 'check', sourceHandle: 'true', target: 'log1' });
    expect(verdict.ok).toBe(false);
    if (verdict.ok || verdict.split === undefined) throw new Error('expected a split');
    expect(store.getState().splitIntoParallel(verdict.split)).toBe('parallel1');
    expect(
      store
        .getState()
        .doc?.edges.filter((e) => e.from === 'parallel1')
        .map((e) => e.to),
    ).toEqual(['boss', 'log1']);
    store.getState().undo();
    expect(store.getState().doc?.nodes.some((n) => n.id === 'parallel1')).toBe(false);
  });

  it('drags sticky notes and groups (their nodes follow), keeps them selected, and deletes them', () => {
    const { store } = setup();
    const note = store.getState().addNote({ x: 0, y: 300 });
    expect(store.getState().selection.nodes).toEqual([`note:${note ?? ''}`]);
    store.getState().onNodesChange([{ type: 'position', id: 'note:note1', position: { x: 40, y: 320 } }]);
    expect(store.getState().doc?.annotations?.notes?.[0]?.position).toEqual({ x: 40, y: 320 });
    store.getState().select({ nodes: ['check', 'boss'], edges: [] });
    expect(store.getState().groupSelection('Decision')).toBe('group1');
    const before = store.getState().doc?.nodes.find((n) => n.id === 'boss')?.position;
    // The frame sits GROUP_PAD left of and GROUP_PAD + its title above its top-left node (check at 240, boss at y -80).
    store
      .getState()
      .onNodesChange([{ type: 'position', id: 'group:group1', position: { x: 240 - 24 + 10, y: -80 - 52 } }]);
    expect(store.getState().doc?.nodes.find((n) => n.id === 'boss')?.position).toEqual({
      x: (before?.x ?? 0) + 10,
      y: before?.y,
    });
    store.getState().select({ nodes: ['note:note1', 'group:group1'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().doc?.annotations).toBeUndefined();
    expect(store.getState().doc?.nodes).toHaveLength(5);
  });
});
