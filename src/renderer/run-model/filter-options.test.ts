import { describe, expect, it } from 'vitest';
import { filterOptions } from './filter-options.js';

describe('filterOptions', () => {
  it('lists each id seen once, sorted, keeping the chosen one', () => {
    expect(filterOptions(['nightly', undefined, 'github', 'nightly'], '')).toEqual(['github', 'nightly']);
    expect(filterOptions([], 'gone')).toEqual(['gone']);
  });
});
