import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { findNodes } from './find-nodes.js';

describe('findNodes', () => {
  it('matches ids, labels and kinds, exact and prefix matches first', () => {
    const doc = orderApproval();
    doc.nodes.push({ id: 'checkout', kind: 'log', label: 'Approve checkout', config: { message: 'x' } });
    expect(findNodes(doc, 'check').map((n) => n.id)).toEqual(['check', 'checkout']);
    expect(findNodes(doc, 'APPROVAL').map((n) => n.id)).toEqual(['boss']);
    expect(findNodes(doc, 'approve').map((n) => n.id)).toEqual(['checkout']);
    expect(findNodes(doc, 'end auto').map((n) => n.id)).toEqual(['auto']);
    expect(findNodes(doc, 'zzz')).toEqual([]);
  });

  it('lists the first nodes for an empty query, at most `limit`', () => {
    expect(findNodes(orderApproval(), '', 2).map((n) => n.id)).toEqual(['start', 'check']);
  });
});
