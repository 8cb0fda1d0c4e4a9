import { describe, expect, it } from 'vitest';
import { rootReferences, templateReferences } from './root-references.js';

const names = (source: string) => rootReferences(source).map((r) => r.names.join('.'));

describe('rootReferences', () => {
  it('finds the root paths of an expression, wherever they stand', () => {
    expect(names('steps.fetch.output.body.amount > 1000')).toEqual(['steps.fetch.output.body.amount']);
    expect(names("$sum(steps.b.output.x) + input.n & { 'a': steps.c.output, 'b': [steps.d.error.code] }")).toEqual([
      'steps.b.output.x',
      'input.n',
      'steps.c.output',
      'steps.d.error.code',
    ]);
    expect(names('steps.e.output ? vars.k : input')).toEqual(['steps.e.output', 'vars.k', 'input']);
    expect(rootReferences('  steps.fetch.output')).toEqual([{ names: ['steps', 'fetch', 'output'], position: 2 }]);
  });

  it('stops a path at a predicate or block and ignores what is relative to something else', () => {
    expect(names('input.items[qty > steps.a.output].price')).toEqual(['input.items']);
    expect(names('steps.f.output.items.(price * qty)')).toEqual(['steps.f.output.items']);
    expect(names('function($x) { steps.g.output }(1)')).toEqual([]);
    expect(names('input.(')).toEqual([]);
  });

  it('counts template positions from the start of the template', () => {
    expect(templateReferences('Pay {{ input.amount }} to {{ steps.who.output }}')).toEqual([
      { names: ['input', 'amount'], position: 7 },
      { names: ['steps', 'who', 'output'], position: 29 },
    ]);
  });
});
