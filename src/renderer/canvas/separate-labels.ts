/** A label's box in flow coordinates, by its centre. */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const BUCKET = 64;
const GAP = 2;

/**
 * How far to move each label down so that no two overlap: labels are placed top to bottom, each
 * at its anchor unless that covers one placed before it, then just below it. Labels keep their
 * order and stay as near their edges as they can. Returns the non-zero offsets only.
 *
 * @example
 * separateLabels(new Map([['a', { x: 0, y: 0, width: 40, height: 18 }], ['b', { x: 5, y: 4, width: 40, height: 18 }]]))
 * // → Map { 'b' => 16 }
 */
export function separateLabels(boxes: ReadonlyMap<string, LabelBox>): Map<string, number> {
  const order = [...boxes].sort(([ka, a], [kb, b]) => a.y - b.y || a.x - b.x || (ka < kb ? -1 : 1));
  // Placed boxes by the horizontal buckets they cover: only neighbours in x are compared.
  const buckets = new Map<number, { left: number; right: number; top: number; bottom: number }[]>();
  const offsets = new Map<string, number>();
  for (const [key, box] of order) {
    const left = box.x - box.width / 2;
    const right = box.x + box.width / 2;
    const first = Math.floor(left / BUCKET);
    const last = Math.floor(right / BUCKET);
    let top = box.y - box.height / 2;
    for (let moved = true; moved;) {
      moved = false;
      for (let b = first; b <= last && !moved; b++) {
        for (const other of buckets.get(b) ?? []) {
          const overlaps =
            other.left < right && left < other.right && other.top < top + box.height + GAP && top < other.bottom + GAP;
          if (overlaps) {
            top = other.bottom + GAP;
            moved = true;
            break;
          }
        }
      }
    }
    const placed = { left, right, top, bottom: top + box.height };
    for (let b = first; b <= last; b++) {
      const list = buckets.get(b);
      if (list === undefined) buckets.set(b, [placed]);
      else list.push(placed);
    }
    const dy = top - (box.y - box.height / 2);
    if (dy > 0.5) offsets.set(key, Math.round(dy));
  }
  return offsets;
}
