/**
 * A deterministic PRNG (mulberry32 seeded with an FNV-1a hash of `seed`): the same seed
 * always yields the same sequence, so replaying a run reproduces its `$random()` values.
 *
 * @example
 * const random = seededRandom('run_42:check:1');
 * random(); // 0 <= x < 1, identical on every replay
 */
export function seededRandom(seed: string): () => number {
  let state = hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
