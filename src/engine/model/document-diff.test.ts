import { describe, expect, it } from 'vitest';
import { diffDocuments, diffSize, sameDesign } from './document-diff.js';

const v1 = {
  format: 'switchyard/workflow@1',
  id: 'invoice',
  name: 'Invoice',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'check', kind: 'condition', config: { when: 'input.amount > 1000' }, position: { x: 200, y: 0 } },
    { id: 'boss', kind: 'approval', config: { title: 'Approve?' } },
    { id: 'auto', kind: 'end' },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', port: 'true', to: 'boss' },
    { from: 'check', port: 'false', to: 'auto' },
  ],
};

describe('diffDocuments', () => {
  it('finds nothing between a document and itself moved, reordered, renumbered and annotated', () => {
    const moved = {
      ...v1,
      version: 7,
      nodes: [...v1.nodes].reverse().map((n) => ({ ...n, position: { x: 9, y: 9 } })),
      edges: [...v1.edges].reverse(),
      annotations: { notes: [{ id: 'n1', text: 'why', position: { x: 0, y: -90 } }] },
    };
    expect(diffSize(diffDocuments(v1, moved))).toBe(0);
    expect(sameDesign(v1, moved)).toBe(true);
  });

  it('lists nodes added, removed and changed with the fields that differ', () => {
    const v2 = {
      ...v1,
      name: 'Invoice approval',
      nodes: [
        v1.nodes[0],
        { id: 'check', kind: 'condition', config: { when: 'input.amount > 500' }, label: 'Big?' },
        v1.nodes[2],
        { id: 'log', kind: 'log', config: { message: 'auto' } },
      ],
    };
    expect(diffDocuments(v1, v2)).toEqual({
      fields: ['name'],
      nodes: {
        added: ['log'],
        removed: ['auto'],
        changed: [{ id: 'check', fields: ['config.when', 'label'] }],
      },
      edges: { added: [], removed: [], changed: [] },
    });
    expect(sameDesign(v1, v2)).toBe(false);
  });

  it('lists edges by from, port and to, and a changed when as changed', () => {
    const v2 = {
      ...v1,
      edges: [
        { from: 'start', to: 'check', when: 'true' },
        { from: 'check', port: 'true', to: 'auto' },
        { from: 'check', port: 'false', to: 'auto' },
      ],
    };
    expect(diffDocuments(v1, v2).edges).toEqual({
      added: [{ from: 'check', port: 'true', to: 'auto' }],
      removed: [{ from: 'check', port: 'true', to: 'boss' }],
      changed: [{ from: 'start', port: 'out', to: 'check' }],
    });
  });

  it('tells a repeated edge and a changed input schema apart from layout', () => {
    const repeated = { ...v1, edges: [...v1.edges, { from: 'start', to: 'check' }] };
    expect(diffDocuments(v1, repeated).edges.added).toEqual([{ from: 'start', port: 'out', to: 'check' }]);
    const typed = { ...v1, input: { type: 'object', properties: { amount: { type: 'number' } } } };
    expect(diffDocuments(v1, typed).fields).toEqual(['input']);
  });

  it('copes with drafts that are not workflows at all', () => {
    expect(diffDocuments(null, { nodes: [42, { kind: 'log' }] }).nodes.added).toEqual(['#0', '#1']);
    expect(sameDesign('x', 'x')).toBe(true);
  });
});
