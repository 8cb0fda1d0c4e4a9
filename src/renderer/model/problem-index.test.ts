import type { Problem } from '#engine';
import { describe, expect, it } from 'vitest';
import { runBlockedReason } from './problem-index.js';

const problem = (severity: Problem['severity'], message: string, node?: string): Problem => ({
  severity,
  code: 'X',
  message,
  ...(node === undefined ? {} : { node }),
});

describe('why a design cannot run', () => {
  it('names the error count and the first error; warnings alone do not block', () => {
    expect(runBlockedReason([])).toBeUndefined();
    expect(runBlockedReason([problem('warning', 'unknown field')])).toBeUndefined();
    expect(runBlockedReason([problem('warning', 'w'), problem('error', 'steps.fetsh is not a node', 'check')])).toBe(
      'Fix its error before running (see Problems): node check: steps.fetsh is not a node',
    );
    expect(runBlockedReason([problem('error', 'a', 'x'), problem('error', 'b')])).toBe(
      'Fix its 2 errors before running (see Problems): node x: a',
    );
  });
});
