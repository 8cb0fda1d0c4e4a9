import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { toEditableDocument } from './editable-document.js';
import { needsLayout } from './auto-layout.js';

describe('toEditableDocument', () => {
  it('accepts valid documents exactly and half-edited ones loosely', () => {
    expect(toEditableDocument(orderApproval())).toMatchObject({ ok: true, exact: true });
    const loose = { ...orderApproval(), nodes: [{ id: 'c', kind: 'condition', config: { when: '' } }] };
    expect(toEditableDocument(loose)).toMatchObject({ ok: true, exact: false });
  });

  it('refuses what the canvas cannot draw', () => {
    expect(toEditableDocument({ id: 'x' }).ok).toBe(false);
    expect(toEditableDocument({ ...orderApproval(), nodes: [{ id: 'a', kind: 'teleport' }] }).ok).toBe(false);
    expect(toEditableDocument({ ...orderApproval(), nodes: [{ id: 's', kind: 'switch', config: {} }] }).ok).toBe(false);
  });
});

describe('needsLayout', () => {
  it('is true when a node has no position or two nodes overlap', () => {
    const doc = orderApproval();
    expect(needsLayout(doc)).toBe(false);
    expect(needsLayout({ ...doc, nodes: [...doc.nodes, { id: 'x', kind: 'end' }] })).toBe(true);
    expect(needsLayout({ ...doc, nodes: [...doc.nodes, { id: 'x', kind: 'end', position: { x: 250, y: 10 } }] })).toBe(
      true,
    );
  });
});

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free, else finds the nearest free one', async () => {
    const { freeSpot } = await import('./auto-layout.js');
    const doc = orderApproval();
    const size = { width: 216, height: 100 };
    expect(freeSpot(doc, { x: 2000, y: 2000 }, size)).toEqual({ x: 2000, y: 2000 });
    const spot = freeSpot(doc, { x: 0, y: 0 }, size);
    expect(spot).not.toEqual({ x: 0, y: 0 });
    expect(
      freeSpot(
        {
          ...doc,
          nodes: [...doc.nodes, { id: 'n', kind: 'http', config: { method: 'GET', url: 'u' }, position: spot }],
        },
        { x: 0, y: 0 },
        size,
      ),
    ).not.toEqual(spot);
  });
});
