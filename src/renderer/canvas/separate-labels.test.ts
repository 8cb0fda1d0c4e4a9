import { describe, expect, it } from 'vitest';
import { separateLabels, type LabelBox } from './separate-labels.js';

function overlap(a: LabelBox, b: LabelBox): boolean {
  return Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2;
}

describe('separateLabels', () => {
  it('leaves labels that do not overlap where they are', () => {
    const boxes = new Map([
      ['a', { x: 0, y: 0, width: 40, height: 18 }],
      ['b', { x: 100, y: 0, width: 40, height: 18 }],
      ['c', { x: 0, y: 40, width: 40, height: 18 }],
    ]);
    expect(separateLabels(boxes)).toEqual(new Map());
  });

  it('moves the lower of two overlapping labels just below the other', () => {
    const boxes = new Map([
      ['b', { x: 5, y: 4, width: 40, height: 18 }],
      ['a', { x: 0, y: 0, width: 40, height: 18 }],
    ]);
    expect(separateLabels(boxes)).toEqual(new Map([['b', 16]]));
  });

  it('untangles a pile of labels at one spot, in order, with none overlapping', () => {
    const boxes = new Map(
      Array.from({ length: 30 }, (_, i) => [`e${i}`, { x: (i % 3) * 7, y: i * 0.5, width: 60, height: 18 }]),
    );
    const offsets = separateLabels(boxes);
    const moved = [...boxes].map(([key, box]) => ({ ...box, y: box.y + (offsets.get(key) ?? 0) }));
    for (let i = 0; i < moved.length; i++) {
      for (let j = i + 1; j < moved.length; j++) {
        const a = moved[i];
        const b = moved[j];
        if (a !== undefined && b !== undefined) expect(overlap(a, b), `${i} and ${j}`).toBe(false);
      }
    }
    const ys = moved.map((b) => b.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });
});
