import { describe, expect, it } from 'vitest';
import { contextChanges } from './context-diff.js';

describe('contextChanges', () => {
  it('marks added, changed and removed leaves and the objects above them', () => {
    const prev = { input: { n: 1 }, vars: { i: 1, gone: true }, steps: {} };
    const next = { input: { n: 1 }, vars: { i: 2 }, steps: { tick: { output: 2, attempts: 1 } } };
    expect(Object.fromEntries(contextChanges(prev, next))).toEqual({
      'vars.i': 'changed',
      'vars.gone': 'removed',
      vars: 'changed',
      'steps.tick': 'added',
      steps: 'changed',
    });
  });

  it('finds nothing between equal values, even as different objects', () => {
    expect(contextChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }).size).toBe(0);
  });

  it('compares arrays item by item and treats a type change as a change', () => {
    expect(Object.fromEntries(contextChanges({ a: [1, 2] }, { a: [1, 3, 4] }))).toEqual({
      'a.1': 'changed',
      'a.2': 'added',
      a: 'changed',
    });
    expect(Object.fromEntries(contextChanges({ a: [1] }, { a: { 0: 1 } }))).toEqual({ a: 'changed' });
    expect(Object.fromEntries(contextChanges({ a: null }, { a: 0 }))).toEqual({ a: 'changed' });
  });
});
