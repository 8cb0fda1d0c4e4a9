import { describe, expect, it } from 'vitest';
import { assertJsonDepth, LIMITS, nestedDeeperThan } from './limits.js';

/** `depth` arrays inside each other. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('limits', () => {
  it('measures nesting of objects and arrays, not of scalars', () => {
    expect(nestedDeeperThan(1, 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan(nested(LIMITS.jsonDepth), LIMITS.jsonDepth)).toBe(false);
    expect(nestedDeeperThan(nested(LIMITS.jsonDepth + 1), LIMITS.jsonDepth)).toBe(true);
  });

  it('measures a value nested 100,000 levels without exhausting the stack', () => {
    expect(() => assertJsonDepth(nested(100_000), 'the run input')).toThrow(
      expect.objectContaining({
        code: 'LIMIT_EXCEEDED',
        message: `the run input nests objects and arrays more than ${LIMITS.jsonDepth} levels deep (limit jsonDepth)`,
      }),
    );
  });
});
