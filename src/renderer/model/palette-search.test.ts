import { describe, expect, it } from 'vitest';
import { PALETTE_GROUPS } from './node-kinds.js';
import { filterPalette } from './palette-search.js';

describe('filterPalette', () => {
  it('shows every kind for an empty query', () => {
    expect(filterPalette('  ')).toBe(PALETTE_GROUPS);
  });

  it('keeps the kinds whose name, title or description has every word, best match first', () => {
    const groups = filterPalette('APPR');
    expect(groups[0]?.kinds[0]).toBe('approval');
    expect(filterPalette('http')[0]?.kinds[0]).toBe('http');
    expect(filterPalette('log')[0]?.kinds[0]).toBe('log');
  });

  it('finds nothing for a word no kind has', () => {
    expect(filterPalette('zzz')).toEqual([]);
  });
});
