import { describe, expect, it } from 'vitest';
import { completeExpression, templateExpressionStart } from './expression-completions.js';

const context = { nodeIds: ['check', 'fetch'], varNames: ['total'] };
const labels = (text: string, explicit = false): string[] | undefined =>
  completeExpression(text, text.length, context, explicit)?.options.map((o) => o.label);

describe('completeExpression', () => {
  it('offers the run scope and functions for a word', () => {
    const found = labels('inp');
    expect(found).toEqual(
      expect.arrayContaining(['input', 'vars', 'steps', 'item', 'index', 'attempt', 'run', '$sum']),
    );
    expect(completeExpression('a + inp', 7, context)?.from).toBe(4);
  });

  it('offers node ids after steps., then output/error/attempts, then error fields', () => {
    expect(labels('steps.')).toEqual(['check', 'fetch']);
    expect(labels('steps.fe')).toEqual(['check', 'fetch']);
    expect(completeExpression('steps.fe', 8, context)?.from).toBe(6);
    expect(labels('steps.fetch.')).toEqual(['output', 'error', 'attempts']);
    expect(labels('steps.fetch.error.')).toEqual(['message', 'code']);
  });

  it('offers variables and run fields', () => {
    expect(labels('vars.')).toEqual(['total']);
    expect(labels('run.')).toEqual(['id', 'workflowId', 'version', 'startedAt']);
  });

  it('offers JSONata functions after $', () => {
    const found = labels('$co');
    expect(found).toEqual(expect.arrayContaining(['$count', '$sum', '$string', '$now']));
    expect(completeExpression('$co', 3, context)?.options.find((o) => o.label === '$count')?.apply).toBe('$count(');
  });

  it('stays quiet inside strings and on empty input unless asked', () => {
    expect(labels("'inp")).toBeUndefined();
    expect(labels('')).toBeUndefined();
    expect(labels('', true)).toContain('input');
    expect(labels('input.foo.')).toBeUndefined();
  });
});

describe('templateExpressionStart', () => {
  it('finds the {{ part around the cursor', () => {
    const text = 'Hi {{ input.na }} and {{ ';
    expect(templateExpressionStart(text, 10)).toBe(5);
    expect(templateExpressionStart(text, 19)).toBe(-1);
    expect(templateExpressionStart(text, text.length)).toBe(text.length - 1);
    expect(templateExpressionStart('plain', 3)).toBe(-1);
  });
});
