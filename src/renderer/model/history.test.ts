import { describe, expect, it } from 'vitest';
import { record, redo, replacePresent, startHistory, undo } from './history.js';

describe('history', () => {
  it('undoes and redoes snapshots', () => {
    let h = startHistory('a');
    h = record(h, 'b', 0);
    h = record(h, 'c', 10);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('coalesces quick edits with the same key into one step', () => {
    let h = startHistory('');
    h = record(h, 'h', 0, 'field');
    h = record(h, 'he', 300, 'field');
    h = record(h, 'hey', 900, 'field');
    expect(h.past).toEqual(['']);
    h = record(h, 'hey!', 3000, 'field');
    expect(h.past).toEqual(['', 'hey']);
    h = record(h, 'x', 3100, 'other');
    expect(h.past).toEqual(['', 'hey', 'hey!']);
    expect(undo(h).present).toBe('hey!');
  });

  it('starts a new step after an undo even with the same key, and drops the redo branch on a new edit', () => {
    let h = startHistory(1);
    h = record(h, 2, 0, 'k');
    h = undo(h);
    h = record(h, 3, 10, 'k');
    expect(h.past).toEqual([1]);
    expect(h.future).toEqual([]);
  });

  it('ignores a non-change and can replace the present quietly', () => {
    const h = startHistory('a');
    expect(record(h, 'a', 0)).toBe(h);
    const r = replacePresent(record(h, 'b', 0), 'B');
    expect(r.present).toBe('B');
    expect(undo(r).present).toBe('a');
  });
});
