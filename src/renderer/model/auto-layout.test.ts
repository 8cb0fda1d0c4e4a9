import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { layoutPositions, widenForLabels } from './auto-layout.js';

describe('layoutPositions', () => {
  it('lays nodes out left to right, keeping port order top to bottom', async () => {
    const doc = orderApproval();
    const at = await layoutPositions(doc);
    const pos = (id: string) => at.get(id) ?? { x: NaN, y: NaN };
    expect(pos('start').x).toBeLessThan(pos('check').x);
    expect(pos('check').x).toBeLessThan(pos('boss').x);
    // check's "true" port (first) leads to boss, "false" (second) to auto: boss sits above auto.
    expect(pos('boss').y).toBeLessThan(pos('auto').y);
  });
});

describe('widenForLabels', () => {
  it('widens only the gaps that labelled edges cross', () => {
    const boxes = [
      { id: 'a', x: 0, y: 0, width: 100 },
      { id: 'b', x: 150, y: 0, width: 100 },
      { id: 'c', x: 150, y: 100, width: 100 },
      { id: 'd', x: 300, y: 0, width: 100 },
    ];
    const at = widenForLabels(boxes, [{ from: 'a', to: 'b', width: 80 }]);
    // gap a→b was 50; it needs 80 + 48 = 128, so layer b/c and everything after moves 78 right.
    expect(at.get('b')).toEqual({ x: 228, y: 0 });
    expect(at.get('c')).toEqual({ x: 228, y: 100 });
    expect(at.get('d')).toEqual({ x: 378, y: 0 });
    expect(at.get('a')).toEqual({ x: 0, y: 0 });
  });
});
