import { validateWorkflow } from '#engine';
import { describe, expect, it } from 'vitest';
import { orderApproval, parallelFlow } from '../test-support/fixtures.js';
import {
  applyNodeChangesToDocument,
  applySelectionChanges,
  documentToFlow,
  edgeKeys,
  projectFlow,
  withPositions,
} from './flow-mappers.js';
import { EMPTY_SELECTION } from './flow-types.js';
import { indexProblems } from './problem-index.js';

describe('documentToFlow', () => {
  it('projects every node with its family, title, summary and ports', () => {
    const { nodes } = documentToFlow(orderApproval(), []);
    expect(nodes.map((n) => [n.id, n.type, n.data.title])).toEqual([
      ['start', 'terminal', 'Start'],
      ['check', 'branch', 'Condition'],
      ['boss', 'human', 'Approval'],
      ['done', 'terminal', 'End'],
      ['auto', 'terminal', 'End'],
    ]);
    const check = nodes.find((n) => n.id === 'check');
    expect(check?.data.summary).toBe('input.amount > 1000');
    expect(check?.data.ports.map((p) => p.id)).toEqual(['true', 'false']);
    expect(check?.position).toEqual({ x: 240, y: 0 });
    expect(nodes.find((n) => n.id === 'boss')?.data.ports.map((p) => [p.id, p.tone])).toEqual([
      ['approved', 'true'],
      ['rejected', 'false'],
      ['timeout', 'timeout'],
    ]);
    expect(nodes.find((n) => n.id === 'start')?.data.hasInput).toBe(false);
    expect(nodes.find((n) => n.id === 'done')?.data.ports).toEqual([]);
  });

  it('maps edges to handles: the port is the source handle, "in" the target handle', () => {
    const { edges } = documentToFlow(orderApproval(), []);
    expect(edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ['start:out->check', 'start', 'out', 'check', 'in'],
      ['check:true->boss', 'check', 'true', 'boss', 'in'],
      ['check:false->auto', 'check', 'false', 'auto', 'in'],
      ['boss:approved->done', 'boss', 'approved', 'done', 'in'],
      ['boss:rejected->done', 'boss', 'rejected', 'done', 'in'],
    ]);
  });

  it('marks parallel branches and their conditions', () => {
    const { edges } = documentToFlow(parallelFlow(), []);
    const b = edges.find((e) => e.target === 'b');
    expect(b?.data).toMatchObject({ fromParallel: true, when: 'input.b = true', port: 'out' });
    expect(edges.find((e) => e.source === 'a')?.data?.fromParallel).toBe(false);
  });

  it('attaches errors and warnings to the nodes and edges they name', () => {
    const doc = orderApproval();
    doc.edges.push({ from: 'done', to: 'auto' });
    const problems = validateWorkflow(doc);
    const { nodes, edges } = documentToFlow(doc, problems);
    const bad = edges.find((e) => e.source === 'done');
    expect(bad?.data?.diagnostics.errors[0]).toMatch(/end nodes have no outgoing edges/);
    expect(nodes.every((n) => n.data.diagnostics.errors.length === 0)).toBe(true);
  });

  it('gives duplicate ids distinct keys instead of crashing the canvas', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'check', kind: 'condition', config: { when: 'false' } });
    doc.edges.push({ from: 'start', to: 'check' });
    const { nodes, edges } = documentToFlow(doc, []);
    expect(nodes.map((n) => n.id)).toContain('check~2');
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('draws an edge on a port its node lacks from the first port, keeping the port name', () => {
    const doc = orderApproval();
    doc.edges[1] = { from: 'check', port: 'maybe', to: 'boss' };
    const edge = documentToFlow(doc, []).edges.find((e) => e.target === 'boss');
    expect(edge?.sourceHandle).toBe('true');
    expect(edge?.data?.port).toBe('maybe');
  });

  it('leaves out edges whose ends do not exist', () => {
    const doc = orderApproval();
    doc.edges.push({ from: 'check', to: 'ghost' });
    expect(documentToFlow(doc, []).edges).toHaveLength(5);
  });
});

describe('projectFlow reuse', () => {
  it('returns the previous objects for untouched nodes and edges, and keeps measured sizes', () => {
    const doc = orderApproval();
    const first = projectFlow(doc, indexProblems([]), EMPTY_SELECTION);
    const measured = first.nodes.map((n) => ({ ...n, measured: { width: 200, height: 80 } }));
    const withSizes = { ...first, nodes: measured };
    const moved = applyNodeChangesToDocument(
      doc,
      [{ type: 'position', id: 'boss', position: { x: 600.4, y: -79.6 } }],
      first,
    );
    const second = projectFlow(moved, indexProblems([]), EMPTY_SELECTION, withSizes);
    expect(second.nodes[0]).toBe(measured[0]);
    const boss = second.nodes.find((n) => n.id === 'boss');
    expect(boss).not.toBe(measured[2]);
    expect(boss?.position).toEqual({ x: 600, y: -80 });
    expect(boss?.measured).toEqual({ width: 200, height: 80 });
    expect(second.edges).toBe(first.edges);
  });

  it('returns the previous arrays when no element changed', () => {
    const doc = orderApproval();
    const first = projectFlow(doc, indexProblems([]), EMPTY_SELECTION);
    const second = projectFlow(doc, indexProblems([]), EMPTY_SELECTION, first);
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
  });

  it('re-creates only the nodes whose selection changed', () => {
    const doc = orderApproval();
    const first = projectFlow(doc, indexProblems([]), EMPTY_SELECTION);
    const second = projectFlow(doc, indexProblems([]), { nodes: ['check'], edges: [] }, first);
    expect(second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['check']);
    expect(second.nodes[1]?.selected).toBe(true);
  });

  it('draws dragged nodes at their live position and takes them back from the document', () => {
    const doc = orderApproval();
    const first = projectFlow(doc, indexProblems([]), EMPTY_SELECTION);
    const live = withPositions(first, new Map([['check', { x: 300, y: 40 }]]));
    expect(live.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['check']);
    expect(live.nodes[1]?.position).toEqual({ x: 300, y: 40 });
    expect(live.edges).toBe(first.edges);
    expect(withPositions(first, new Map([['check', { x: 240, y: 0 }]]))).toBe(first);
    const again = projectFlow(doc, indexProblems([]), EMPTY_SELECTION, live);
    expect(again.nodes[1]?.position).toBe(doc.nodes[1]?.position);
    expect(again.nodes[0]).toBe(first.nodes[0]);
  });

  it('gives the start node the triggers and re-creates only it when they change', () => {
    const doc = orderApproval();
    const first = projectFlow(doc, indexProblems([]), EMPTY_SELECTION);
    expect(first.nodes[0]?.data.triggers).toBeUndefined();
    const triggers = [{ id: 'daily', kind: 'schedule', cron: '0 9 * * *', timezone: 'UTC' }] as const;
    const second = projectFlow({ ...doc, triggers: [...triggers] }, indexProblems([]), EMPTY_SELECTION, first);
    expect(second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['start']);
    expect(second.nodes[0]?.data.triggers).toEqual(triggers);
    expect(second.nodes[1]?.data.triggers).toBeUndefined();
  });
});

describe('changes back to the document', () => {
  it('writes dragged positions (rounded) and ignores other change types', () => {
    const doc = orderApproval();
    const projection = documentToFlow(doc, []);
    const next = applyNodeChangesToDocument(
      doc,
      [
        { type: 'position', id: 'check', position: { x: 10.6, y: 20.2 }, dragging: true },
        { type: 'dimensions', id: 'check', dimensions: { width: 1, height: 1 } },
        { type: 'select', id: 'boss', selected: true },
      ],
      projection,
    );
    expect(next.nodes[1]?.position).toEqual({ x: 11, y: 20 });
    expect(next.nodes[0]).toBe(doc.nodes[0]);
    expect(next.edges).toBe(doc.edges);
  });

  it('returns the same document when nothing moved', () => {
    const doc = orderApproval();
    const projection = documentToFlow(doc, []);
    expect(
      applyNodeChangesToDocument(doc, [{ type: 'position', id: 'check', position: { x: 240, y: 0 } }], projection),
    ).toBe(doc);
    expect(applyNodeChangesToDocument(doc, [{ type: 'position', id: 'check' }], projection)).toBe(doc);
  });

  it('follows select changes for nodes and edges', () => {
    const selection = applySelectionChanges(
      { nodes: ['start'], edges: [] },
      [
        { type: 'select', id: 'start', selected: false },
        { type: 'select', id: 'check', selected: true },
      ],
      [{ type: 'select', id: 'check:true->boss', selected: true }],
    );
    expect(selection).toEqual({ nodes: ['check'], edges: ['check:true->boss'] });
    const same = { nodes: ['a'], edges: [] };
    expect(applySelectionChanges(same, [{ type: 'select', id: 'a', selected: true }], [])).toBe(same);
  });

  it('keys edges by id when they have one', () => {
    expect(
      edgeKeys([
        { id: 'e1', from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
      ]),
    ).toEqual(['e1', 'a:out->b', 'a:out->b~2']);
  });
});

describe('compensation links', () => {
  it('draws a link from a node to its compensation, outside the document edges', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'refund', kind: 'log', config: { message: 'undo' } });
    doc.nodes[2] = { ...doc.nodes[2]!, compensation: 'refund' };
    const { edges, edgeIndex } = documentToFlow(doc, []);
    const link = edges.find((e) => e.data?.role === 'compensation');
    expect(link).toMatchObject({ source: 'boss', target: 'refund', selectable: false, deletable: false });
    expect(edgeIndex.has(link!.id)).toBe(false);
    expect(edges).toHaveLength(6);
  });
});
