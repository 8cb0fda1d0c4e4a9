import { validateWorkflow } from '#engine';
import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { estimateNodeSize } from './auto-layout.js';
import { addNodeAfter, insertParallelSplit } from './insert-ops.js';

describe('addNodeAfter', () => {
  it('puts the node right of the anchor, level with it, connected from its free happy-path port', () => {
    const doc = orderApproval();
    doc.edges = doc.edges.filter((e) => e.from !== 'boss');
    const added = addNodeAfter(doc, 'log', 'boss');
    expect(added?.id).toBe('log1');
    expect(added?.connected).toBe(true);
    expect(added?.doc.edges.at(-1)).toEqual({ from: 'boss', port: 'approved', to: 'log1' });
    const node = added?.doc.nodes.find((n) => n.id === 'log1');
    const boss = estimateNodeSize(doc.nodes[2] ?? doc.nodes[0]!);
    expect(node?.position?.x).toBeGreaterThanOrEqual(520 + boss.width);
  });

  it('skips ports already taken and the error port, and adds it unconnected when none is free', () => {
    const doc = orderApproval();
    doc.nodes.push({
      id: 'fetch',
      kind: 'http',
      config: { method: 'GET', url: 'https://x' },
      position: { x: 0, y: 300 },
    });
    doc.edges.push({ from: 'fetch', to: 'auto' });
    const added = addNodeAfter(doc, 'log', 'fetch');
    // `out` is taken; `error` is a side path, still better than nothing.
    expect(added?.doc.edges.at(-1)).toEqual({ from: 'fetch', port: 'error', to: 'log1' });
    const full = addNodeAfter(added!.doc, 'log', 'fetch');
    expect(full?.connected).toBe(false);
    expect(full?.doc.edges).toHaveLength(added!.doc.edges.length);
  });

  it('finds a free spot when the place right of the anchor is taken', () => {
    const doc = orderApproval();
    const first = addNodeAfter(doc, 'log', 'start');
    const second = addNodeAfter(first!.doc, 'log', 'start');
    const a = first!.doc.nodes.at(-1)?.position;
    const b = second!.doc.nodes.at(-1)?.position;
    expect(a).not.toEqual(b);
  });

  it('returns undefined for an unknown anchor', () => {
    expect(addNodeAfter(orderApproval(), 'log', 'nope')).toBeUndefined();
  });
});

describe('insertParallelSplit', () => {
  it('turns a second edge out of a port into a parallel block leading to both nodes', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'notify', kind: 'log', config: { message: 'x' }, position: { x: 520, y: 300 } });
    const made = insertParallelSplit(doc, { source: 'start', port: 'out', existing: 'check', target: 'notify' });
    expect(made?.id).toBe('parallel1');
    const edges = made?.doc.edges ?? [];
    expect(edges[0]).toEqual({ from: 'start', to: 'parallel1' });
    expect(edges.slice(-2)).toEqual([
      { from: 'parallel1', to: 'check' },
      { from: 'parallel1', to: 'notify' },
    ]);
    const problems = validateWorkflow(made!.doc).filter((p) => p.code === 'DUPLICATE_PORT_EDGE');
    expect(problems).toEqual([]);
  });

  it('keeps the port of the edge it splits', () => {
    const made = insertParallelSplit(orderApproval(), {
      source: 'check',
      port: 'true',
      existing: 'boss',
      target: 'auto',
    });
    expect(made?.doc.edges[1]).toEqual({ from: 'check', port: 'true', to: 'parallel1' });
  });

  it('does nothing for an edge that is not there', () => {
    expect(
      insertParallelSplit(orderApproval(), { source: 'check', port: 'true', existing: 'auto', target: 'done' }),
    ).toBeUndefined();
  });
});
