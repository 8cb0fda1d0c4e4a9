import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { changeLines, compareVersions } from './version-compare.js';

describe('compareVersions', () => {
  it('draws the newer version plus what it removed, each element marked', () => {
    const before = orderApproval();
    const after = orderApproval();
    after.version = 2;
    after.nodes = after.nodes
      .filter((n) => n.id !== 'auto')
      .map((n) => (n.kind === 'condition' ? { ...n, config: { when: 'input.amount > 500' } } : n));
    after.nodes.push({ id: 'notify', kind: 'log', config: { message: 'auto' }, position: { x: 520, y: 120 } });
    after.edges = after.edges.map((e) => (e.to === 'auto' ? { ...e, to: 'notify' } : e));

    const { doc, nodes, edges } = compareVersions(before, after);
    expect(doc.nodes.map((n) => n.id)).toEqual(['start', 'check', 'boss', 'done', 'notify', 'auto']);
    expect([...nodes]).toEqual([
      ['notify', 'added'],
      ['auto', 'removed'],
      ['check', 'changed'],
    ]);
    expect([...edges]).toEqual([
      ['check:false->notify', 'added'],
      ['check:false->auto', 'removed'],
    ]);
    expect(doc.edges).toHaveLength(after.edges.length + 1);
  });

  it('draws a removed node below the node that took its place', () => {
    const before = orderApproval();
    const after = orderApproval();
    after.nodes = after.nodes.map((n) => (n.id === 'auto' ? { ...n, id: 'auto2' } : n));
    const { doc } = compareVersions(before, after);
    expect(doc.nodes.find((n) => n.id === 'auto2')?.position).toEqual({ x: 520, y: 120 });
    expect(doc.nodes.find((n) => n.id === 'auto')?.position).toEqual({ x: 520, y: 230 });
  });

  it('says each change in one line', () => {
    const before = orderApproval();
    const after = { ...orderApproval(), name: 'Orders', edges: orderApproval().edges.slice(1) };
    expect(changeLines(compareVersions(before, after).diff)).toEqual([
      { mark: 'changed', text: 'workflow name' },
      { mark: 'removed', text: 'edge start → check' },
    ]);
  });
});
