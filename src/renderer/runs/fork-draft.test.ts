import { describe, expect, it } from 'vitest';
import { changeableSteps, draftChanges, initialDraft, jsonText } from './fork-draft.js';

const base = {
  vars: { limit: 5, note: 'x' },
  input: { amount: 1200 },
  steps: {
    start: { output: { amount: 1200 }, attempts: 1 },
    fetch: { output: { status: 200, body: { amount: 1200 } }, attempts: 1 },
    flaky: { error: { code: 'TASK_FAILED', message: 'down' }, attempts: 3 },
  },
};

describe('fork drafts', () => {
  it('an untouched draft changes nothing', () => {
    expect(draftChanges(initialDraft(base), base)).toEqual({ ok: true, changes: {}, paths: [] });
  });

  it('only the steps that completed can have their output changed', () => {
    expect(changeableSteps(base)).toEqual(['start', 'fetch']);
  });

  it('asks only for the values that differ: changed var keys, the input, edited outputs', () => {
    const draft = {
      vars: '{ "limit": 9, "note": "x" }',
      input: '{"amount": 500}',
      outputs: { fetch: '{"status": 200, "body": {"amount": 500}}', start: jsonText(base.steps.start.output) },
    };
    expect(draftChanges(draft, base)).toEqual({
      ok: true,
      changes: {
        vars: { limit: 9 },
        input: { amount: 500 },
        outputs: { fetch: { status: 200, body: { amount: 500 } } },
      },
      paths: ['vars.limit', 'input', 'steps.fetch.output'],
    });
    // Key order is no change.
    const reordered = { ...initialDraft(base), vars: '{"note": "x", "limit": 5}' };
    expect(draftChanges(reordered, base)).toMatchObject({ ok: true, paths: [] });
  });

  it('names the field of a text that is not JSON, and refuses vars that are not an object', () => {
    expect(draftChanges({ ...initialDraft(base), input: '{' }, base)).toMatchObject({
      ok: false,
      field: 'input',
      message: expect.stringMatching(/^input: Not valid JSON/) as unknown,
    });
    expect(draftChanges({ ...initialDraft(base), outputs: { fetch: '[1,' } }, base)).toMatchObject({
      ok: false,
      field: { node: 'fetch' },
      message: expect.stringMatching(/^steps\.fetch\.output: Not valid JSON/) as unknown,
    });
    expect(draftChanges({ ...initialDraft(base), vars: '[1]' }, base)).toMatchObject({
      ok: false,
      field: 'vars',
      message: 'vars must be a JSON object, e.g. {"limit": 5}',
    });
    // An empty input text is the input null; empty vars are no change.
    expect(draftChanges({ ...initialDraft(base), vars: '', input: '' }, base)).toEqual({
      ok: true,
      changes: { input: null },
      paths: ['input'],
    });
  });
});
