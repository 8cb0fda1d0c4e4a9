import { describe, expect, it } from 'vitest';
import { orderApproval, parallelFlow } from '../test-support/fixtures.js';
import { checkConnection } from './connection-rules.js';

describe('checkConnection', () => {
  it('accepts a free port and builds the edge (no port field for "out")', () => {
    const doc = orderApproval();
    doc.edges = doc.edges.filter((e) => e.port !== 'false');
    expect(checkConnection(doc, { source: 'check', sourceHandle: 'false', target: 'auto' })).toEqual({
      ok: true,
      edge: { from: 'check', port: 'false', to: 'auto' },
    });
    doc.nodes.push({ id: 'log1', kind: 'log', config: { message: 'x' } });
    expect(checkConnection(doc, { source: 'log1', sourceHandle: 'out', target: 'auto' })).toEqual({
      ok: true,
      edge: { from: 'log1', to: 'auto' },
    });
  });

  it.each([
    [{ source: 'check', sourceHandle: 'true', target: 'start' }, 'A start node has no inputs'],
    [{ source: 'check', sourceHandle: 'true', target: 'check' }, 'Cannot connect a node to itself'],
    [{ source: 'done', sourceHandle: null, target: 'auto' }, 'end nodes have no outputs'],
    [{ source: 'check', sourceHandle: 'maybe', target: 'auto' }, 'check has no port "maybe"'],
  ])('refuses %o: %s', (request, reason) => {
    expect(checkConnection(orderApproval(), request)).toEqual({ ok: false, reason });
  });

  it('refuses a second edge out of a port with the split a parallel block would make of it', () => {
    expect(checkConnection(orderApproval(), { source: 'check', sourceHandle: 'true', target: 'auto' })).toEqual({
      ok: false,
      reason: 'Port "true" of check is already connected',
      split: { source: 'check', port: 'true', existing: 'boss', target: 'auto' },
    });
    // The same edge again is no split.
    expect(checkConnection(orderApproval(), { source: 'check', sourceHandle: 'true', target: 'boss' })).toEqual({
      ok: false,
      reason: 'Port "true" of check is already connected',
    });
  });

  it('lets a parallel node start many branches, but only one per target', () => {
    const doc = parallelFlow();
    doc.nodes.push({ id: 'c', kind: 'log', config: { message: 'c' } });
    expect(checkConnection(doc, { source: 'split', sourceHandle: 'out', target: 'c' }).ok).toBe(true);
    expect(checkConnection(doc, { source: 'split', sourceHandle: 'out', target: 'a' })).toEqual({
      ok: false,
      reason: 'split already has a branch to a',
    });
  });

  it('allows loops through other nodes', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'retry', kind: 'transform', config: {} });
    expect(checkConnection(doc, { source: 'retry', sourceHandle: 'out', target: 'check' }).ok).toBe(true);
  });
});
