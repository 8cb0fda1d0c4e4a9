import { referencesTo, validateWorkflow } from '#engine';
import { NODE_KINDS } from '#shared';
import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { copySelection, pasteClipboard } from './clipboard.js';
import {
  addNode,
  removeElements,
  renameNode,
  retargetWorkflowRefs,
  setPositions,
  updateEdgeAt,
} from './document-ops.js';
import { createNode, uniqueNodeId } from './node-defaults.js';

describe('addNode', () => {
  it('gives kind-based unique ids', () => {
    let doc = orderApproval();
    const first = addNode(doc, 'http', { x: 10.2, y: 20.7 });
    doc = first.doc;
    const second = addNode(doc, 'http', { x: 0, y: 0 });
    expect([first.id, second.id]).toEqual(['http1', 'http2']);
    expect(second.doc.nodes.at(-2)).toEqual({
      id: 'http1',
      kind: 'http',
      position: { x: 10, y: 21 },
      config: { method: 'GET', url: 'https://example.com' },
    });
  });

  it('creates a valid default for every kind', () => {
    for (const kind of NODE_KINDS) {
      const doc = orderApproval();
      doc.nodes = doc.nodes.filter((n) => kind !== 'start' || n.kind !== 'start');
      doc.edges = doc.edges.filter((e) => kind !== 'start' || e.from !== 'start');
      const next = addNode(doc, kind, { x: 0, y: 0 });
      const problems = validateWorkflow(next.doc).filter((p) => p.severity === 'error' && p.node === next.id);
      expect(problems, kind).toEqual([]);
    }
  });

  it('points subflow and forEach at the document itself', () => {
    expect(createNode('subflow', 's', { x: 0, y: 0 }, 'me')).toMatchObject({ config: { workflow: 'me' } });
    expect(createNode('forEach', 'f', { x: 0, y: 0 }, 'me')).toMatchObject({
      config: { workflow: 'me', items: 'input.items' },
    });
  });

  it('numbers from the stem of an existing id', () => {
    expect(uniqueNodeId('check', new Set(['check', 'check1']))).toBe('check2');
    expect(uniqueNodeId('http3', new Set())).toBe('http1');
  });
});

describe('removeElements', () => {
  it('removes nodes with their edges and the compensations pointing at them', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'undo', kind: 'log', config: { message: 'undo' } });
    doc.nodes[2] = { ...doc.nodes[2]!, compensation: 'undo' };
    const next = removeElements(doc, { nodes: ['undo', 'auto'], edges: ['boss:rejected->done'] });
    expect(next.nodes.map((n) => n.id)).toEqual(['start', 'check', 'boss', 'done']);
    expect(next.nodes[2]?.compensation).toBeUndefined();
    expect(next.edges.map((e) => `${e.from}:${e.port ?? 'out'}`)).toEqual(['start:out', 'check:true', 'boss:approved']);
  });

  it('returns the same document for an empty selection', () => {
    const doc = orderApproval();
    expect(removeElements(doc, { nodes: [], edges: [] })).toBe(doc);
  });
});

describe('renameNode', () => {
  it('renames the node, its edges and compensations pointing at it', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'x', kind: 'log', config: { message: 'x' }, compensation: 'boss' });
    const result = renameNode(doc, 'boss', 'manager');
    if (!result.ok) throw new Error(result.reason);
    expect(result.doc.nodes.map((n) => n.id)).toContain('manager');
    expect(result.doc.edges.filter((e) => e.from === 'manager' || e.to === 'manager')).toHaveLength(3);
    expect(result.doc.nodes.at(-1)?.compensation).toBe('manager');
    expect(validateWorkflow(result.doc).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('rewrites every expression, template and edge condition that reads the old id', () => {
    const doc = orderApproval();
    doc.nodes.push(
      { id: 'note', kind: 'log', config: { message: 'decided {{ steps.boss.output.decision }} ({{ "steps.boss" }})' } },
      { id: 'sum', kind: 'transform', config: { output: 'steps.boss.output', assign: { by: 'steps.boss.output.by' } } },
    );
    const result = renameNode(doc, 'boss', 'line-manager');
    if (!result.ok) throw new Error(result.reason);
    const config = (id: string) => result.doc.nodes.find((n) => n.id === id)?.config;
    expect(config('note')).toEqual({
      message: 'decided {{ steps.`line-manager`.output.decision }} ({{ "steps.boss" }})',
    });
    expect(config('sum')).toEqual({
      output: 'steps.`line-manager`.output',
      assign: { by: 'steps.`line-manager`.output.by' },
    });
    expect(referencesTo(result.doc, 'boss')).toEqual([]);
    expect(referencesTo(result.doc, 'line-manager').map((r) => `${r.node} ${r.field}`)).toEqual(
      expect.arrayContaining(['note config.message', 'sum config.output', 'sum config.assign.by']),
    );
  });

  it('refuses taken and malformed ids', () => {
    expect(renameNode(orderApproval(), 'boss', 'check')).toEqual({
      ok: false,
      reason: 'Another node is already called check',
    });
    expect(renameNode(orderApproval(), 'boss', '1abc').ok).toBe(false);
    expect(renameNode(orderApproval(), 'boss', '').ok).toBe(false);
  });
});

describe('other edits', () => {
  it('updates one edge and moves nodes', () => {
    const doc = orderApproval();
    const next = updateEdgeAt(doc, 1, (e) => ({ ...e, port: 'false' }));
    expect(next.edges[1]?.port).toBe('false');
    expect(next.edges[0]).toBe(doc.edges[0]);
    const moved = setPositions(doc, new Map([['check', { x: 1.4, y: 2.6 }]]));
    expect(moved.nodes[1]?.position).toEqual({ x: 1, y: 3 });
    expect(moved.nodes[0]).toBe(doc.nodes[0]);
  });

  it('retargets self-references of a template', () => {
    const nodes = retargetWorkflowRefs(
      [
        { id: 's', kind: 'subflow', config: { workflow: 'tpl' } },
        { id: 'f', kind: 'forEach', config: { workflow: 'other', items: 'x' } },
      ],
      'tpl',
      'mine',
    );
    expect(nodes.map((n) => (n.kind === 'subflow' || n.kind === 'forEach' ? n.config.workflow : ''))).toEqual([
      'mine',
      'other',
    ]);
  });
});

describe('clipboard', () => {
  it('copies selected nodes with the edges between them and pastes them with fresh ids, offset', () => {
    const doc = orderApproval();
    const clip = copySelection(doc, { nodes: ['check', 'boss'], edges: [] });
    expect(clip?.edges).toEqual([{ from: 'check', port: 'true', to: 'boss' }]);
    const pasted = pasteClipboard(doc, clip!, { x: 40, y: 40 });
    expect(pasted.ids).toEqual(['check1', 'boss1']);
    expect(pasted.doc.nodes.find((n) => n.id === 'check1')?.position).toEqual({ x: 280, y: 40 });
    expect(pasted.doc.edges.at(-1)).toEqual({ from: 'check1', port: 'true', to: 'boss1' });
    expect(pasted.doc.nodes).toHaveLength(7);
  });

  it('does not paste a second start node and copies nothing from an empty selection', () => {
    const doc = orderApproval();
    expect(copySelection(doc, { nodes: [], edges: [] })).toBeUndefined();
    const clip = copySelection(doc, { nodes: ['start', 'check'], edges: [] })!;
    const pasted = pasteClipboard(doc, clip, { x: 0, y: 0 });
    expect(pasted.ids).toEqual(['check1']);
    expect(pasted.doc.edges).toHaveLength(doc.edges.length);
  });
});
