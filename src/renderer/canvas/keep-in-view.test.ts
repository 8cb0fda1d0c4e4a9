import { describe, expect, it } from 'vitest';
import { panToShow } from './keep-in-view.js';

const pane = { width: 1000, height: 600 };
const node = { x: 2000, y: 100, width: 200, height: 80 };

describe('keeping a node in view', () => {
  it('leaves the view alone while the node is inside the pane', () => {
    expect(panToShow({ x: -1500, y: 0, zoom: 1 }, pane, node)).toBeUndefined();
  });

  it('centres a node outside the pane at the zoom the view has, zoomed in or out', () => {
    expect(panToShow({ x: 0, y: 0, zoom: 1 }, pane, node)).toEqual({ x: 500 - 2100, y: 300 - 140, zoom: 1 });
    const far = panToShow({ x: 0, y: 0, zoom: 0.25 }, pane, { ...node, x: 4200 });
    expect(far).toEqual({ x: 500 - 4300 * 0.25, y: 300 - 140 * 0.25, zoom: 0.25 });
    const near = panToShow({ x: 0, y: 0, zoom: 2 }, pane, { ...node, x: 300 });
    expect(near?.zoom).toBe(2);
  });

  it('counts a node cut by the edge, or within the margin, as out of view', () => {
    expect(panToShow({ x: -1200, y: 0, zoom: 1 }, pane, node)).toBeDefined();
    expect(panToShow({ x: -1970, y: 0, zoom: 1 }, pane, node, 40)).toBeDefined();
  });
});
