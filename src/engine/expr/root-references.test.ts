import { describe, expect, it } from 'vitest';
import { renameStep } from './rename-step.js';
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
    expect(rootReferences('  steps.fetch.output')[0]?.position).toBe(2);
  });

  it('stops a path at a predicate or block and ignores what is relative to something else', () => {
    expect(names('input.items[qty > steps.a.output].price')).toEqual(['input.items']);
    expect(names('steps.f.output.items.(price * qty)')).toEqual(['steps.f.output.items']);
    expect(names('function($x) { steps.g.output }(1)')).toEqual([]);
    expect(names('input.(')).toEqual([]);
  });

  it('counts template positions from the start of the template', () => {
    expect(templateReferences('Pay {{ input.amount }} to {{ steps.who.output }}')).toEqual([
      {
        names: ['input', 'amount'],
        position: 7,
        spans: [
          { start: 7, end: 12 },
          { start: 13, end: 19 },
        ],
      },
      {
        names: ['steps', 'who', 'output'],
        position: 29,
        spans: [
          { start: 29, end: 34 },
          { start: 35, end: 38 },
          { start: 39, end: 45 },
        ],
      },
    ]);
  });
});

describe('renameStep', () => {
  it('rewrites the root references to a node and nothing else', () => {
    expect(renameStep("steps.fetch.output.body & 'steps.fetch' & input.fetch", false, 'fetch', 'getInvoice')).toBe(
      "steps.getInvoice.output.body & 'steps.fetch' & input.fetch",
    );
    expect(renameStep('$count(steps.fetch.output) + steps.fetcher.attempts', false, 'fetch', 'get-invoice')).toBe(
      '$count(steps.`get-invoice`.output) + steps.fetcher.attempts',
    );
    expect(renameStep('steps.`get-invoice`.output', false, 'get-invoice', 'fetch')).toBe('steps.fetch.output');
    expect(
      renameStep('Pay {{ steps.fetch.output.body.amount }} ({{ steps.fetch.attempts }})', true, 'fetch', 'bill'),
    ).toBe('Pay {{ steps.bill.output.body.amount }} ({{ steps.bill.attempts }})');
  });
});
