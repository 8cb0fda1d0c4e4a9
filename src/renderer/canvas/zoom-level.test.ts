import { describe, expect, it } from 'vitest';
import { LIGHT_DRAWING_MIN_NODES, zoomLevel, zoomLevelClass } from './zoom-level.js';

describe('zoomLevel', () => {
  const large = LIGHT_DRAWING_MIN_NODES + 1;

  it('draws full cards for small workflows at any zoom', () => {
    expect(zoomLevel(0.05, LIGHT_DRAWING_MIN_NODES)).toBe('near');
  });

  it('draws a large workflow lighter as it zooms out', () => {
    expect(zoomLevel(1, large)).toBe('near');
    expect(zoomLevel(0.5, large)).toBe('near');
    expect(zoomLevel(0.49, large)).toBe('far');
    expect(zoomLevel(0.3, large)).toBe('far');
    expect(zoomLevel(0.29, large)).toBe('overview');
    expect(zoomLevel(0.05, large)).toBe('overview');
  });

  it('gives the overview the far classes too (it is lighter still)', () => {
    expect(zoomLevelClass('near')).toBe('');
    expect(zoomLevelClass('far')).toBe('is-far');
    expect(zoomLevelClass('overview')).toBe('is-far is-overview');
  });
});
