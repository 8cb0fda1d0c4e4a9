import { describe, expect, it } from 'vitest';
import { createNavStore, memoryLocation } from './nav-store.js';

describe('the navigation store', () => {
  it('starts at the page the location names and writes each navigation back to it', () => {
    const location = memoryLocation('#/runs/r_1');
    const nav = createNavStore(location);
    expect(nav.getState().route).toEqual({ page: 'run', runId: 'r_1' });
    nav.getState().navigate({ page: 'inbox' });
    expect(location.read()).toBe('#/inbox');
    expect(nav.getState().route).toEqual({ page: 'inbox' });
  });
});
