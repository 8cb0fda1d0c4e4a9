import { describe, expect, it } from 'vitest';
import { documentToFlow } from '../model/flow-mappers.js';
import { orderApproval } from '../test-support/fixtures.js';
import { unmeasuredBounds } from './fit-prediction.js';
import { blockAnchors, newPathCache, overviewPaths, overviewTone } from './overview-edges.js';
import { overviewNodes, toOverviewNode } from './overview-nodes.js';

describe('overview nodes', () => {
  it('draws a node as a block of its measured card size, keeping its type for React Flow', () => {
    const [start] = documentToFlow(orderApproval(), []).nodes;
    if (start === undefined) throw new Error('no node');
    const block = toOverviewNode({ ...start, measured: { width: 170, height: 60 } });
    expect(block.type).toBe(start.type);
    expect(block.style).toEqual({ width: 170, height: 60 });
    expect(block.data.overview).toBe(true);
    expect(start.data.overview).toBeUndefined();
  });

  it('uses the estimated card size before React Flow has measured the card', () => {
    const check = documentToFlow(orderApproval(), []).nodes[1];
    if (check === undefined) throw new Error('no node');
    expect(toOverviewNode(check).style).toEqual({ width: 216, height: 78 + 2 * 22 });
  });

  it('reuses the block of an unchanged node', () => {
    const { nodes } = documentToFlow(orderApproval(), []);
    const made = new WeakMap();
    const first = overviewNodes(nodes, made);
    const second = overviewNodes([...nodes], made);
    expect(second.every((block, i) => block === first[i])).toBe(true);
  });
});

describe('overview edges', () => {
  const { nodes, edges } = documentToFlow(orderApproval(), []);

  it('joins the edges into paths by tone and area, from the right of the source to the left of the target', () => {
    const sized = nodes.map((n) => ({ ...n, measured: { width: 100, height: 40 } }));
    const paths = overviewPaths(edges, blockAnchors(sized));
    expect(paths.every((p) => p.tone === 'normal')).toBe(true);
    expect(paths.map((p) => p.d.match(/M/g)?.length ?? 0).reduce((a, b) => a + b, 0)).toBe(edges.length);
    expect(paths.some((p) => p.d.startsWith('M100,20 C'))).toBe(true);
    expect(new Set(paths.map((p) => p.key)).size).toBe(paths.length);
  });

  it('gives selected and faulty edges their own tones, drawn last', () => {
    const [edge] = edges;
    if (edge?.data === undefined) throw new Error('no edge');
    const faulty = { ...edge, data: { ...edge.data, diagnostics: { errors: ['bad'], warnings: [], key: 'bad' } } };
    expect(overviewTone(edge)).toBe('normal');
    expect(overviewTone(faulty)).toBe('error');
    expect(overviewTone({ ...faulty, selected: true })).toBe('selected');
    const anchors = blockAnchors(nodes.map((n) => ({ ...n, measured: { width: 100, height: 40 } })));
    expect(overviewPaths([{ ...edge, selected: true }, faulty, edge], anchors).map((p) => p.tone)).toEqual([
      'normal',
      'error',
      'selected',
    ]);
  });

  it('gives the edges of moving nodes a path of their own', () => {
    const anchors = blockAnchors(nodes.map((n) => ({ ...n, measured: { width: 100, height: 40 } })));
    const still = overviewPaths(edges, anchors);
    const dragging = overviewPaths(edges, anchors, new Set(['check']));
    const moving = dragging.find((p) => p.key === 'normal:moving');
    const touching = edges.filter((e) => e.source === 'check' || e.target === 'check').length;
    expect(moving?.d.match(/M/g)).toHaveLength(touching);
    expect(still.some((p) => p.key.endsWith(':moving'))).toBe(false);
  });

  it("draws the same paths from its cache as without, only the moved node's path changing", () => {
    const sized = nodes.map((n) => ({ ...n, measured: { width: 100, height: 40 } }));
    const cache = newPathCache();
    const moving = new Set(['check']);
    const first = overviewPaths(edges, blockAnchors(sized), moving, cache);
    const moved = sized.map((n) =>
      n.id === 'check' ? { ...n, position: { x: n.position.x + 8, y: n.position.y } } : n,
    );
    const second = overviewPaths(edges, blockAnchors(moved), moving, cache);
    const fresh = overviewPaths(edges, blockAnchors(moved), moving);
    expect(second.map((p) => p.d)).toEqual(fresh.map((p) => p.d));
    for (const path of second) {
      const before = first.find((p) => p.key === path.key);
      if (path.key.endsWith(':moving')) expect(path.d).not.toBe(before?.d);
      else expect(path.d).toBe(before?.d);
    }
  });

  it('leaves out edges whose ends are not on the canvas', () => {
    expect(overviewPaths(edges, () => undefined)).toEqual([]);
  });
});

describe('unmeasuredBounds', () => {
  it('spans the positions and estimated sizes of a workflow React Flow has not measured yet', () => {
    const { nodes } = documentToFlow(orderApproval(), []);
    expect(unmeasuredBounds(nodes)).toEqual({ x: 0, y: -80, width: 800 + 160, height: 120 + 52 + 80 });
  });

  it('is undefined once a node is measured, and for an empty workflow', () => {
    const { nodes } = documentToFlow(orderApproval(), []);
    const [first, ...rest] = nodes;
    if (first === undefined) throw new Error('no node');
    expect(unmeasuredBounds([{ ...first, measured: { width: 1, height: 1 } }, ...rest])).toBeUndefined();
    expect(unmeasuredBounds([])).toBeUndefined();
  });
});
