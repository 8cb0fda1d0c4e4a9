import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { directEvaluatorFor, NEEDS_JSONATA } from './direct-evaluator.js';
import type { ExprScope } from './expr-types.js';
import { seededRandom } from './seeded-random.js';

const PATHS = [
  'input.n',
  'input.zero',
  'input.s',
  'input.empty',
  'input.b',
  'input.nil',
  'input.obj',
  'input.obj.k',
  'input.list',
  'input.missing',
  'input.n.x',
  'vars.i',
  'steps.t1.output',
  'item',
  'input.constructor',
];
const LITERALS = ['0', '1', '2.5', '"a"', '""', 'true', 'false', 'null', '1e308'];
const BINARY = ['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '&'];

function scopes(): ExprScope[] {
  const values: unknown[] = [3, -2.5, 0, 'x', '', true, false, null, [1, 2], [7], { k: 1 }, {}];
  return values.map((n, i) => ({
    input: {
      n,
      zero: 0,
      s: i % 2 === 0 ? 'abc' : 'ab',
      empty: '',
      b: i % 3 === 0,
      nil: null,
      obj: { k: values[(i + 3) % values.length] },
      list: [1, 2, 3],
    },
    vars: { i: values[(i + 5) % values.length] },
    steps: { t1: { output: values[(i + 7) % values.length], attempts: 1 } },
    item: values[(i + 9) % values.length],
  }));
}

function randomExpression(random: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const roll = random();
  if (depth === 0 || roll < 0.3) return roll < 0.2 ? pick(PATHS) : pick(LITERALS);
  if (roll < 0.75)
    return `${randomExpression(random, depth - 1)} ${pick(BINARY)} ${randomExpression(random, depth - 1)}`;
  if (roll < 0.85) return `-${pick(PATHS)}`;
  if (roll < 0.95)
    return `${randomExpression(random, depth - 1)} ? ${randomExpression(random, depth - 1)} : ${randomExpression(random, depth - 1)}`;
  return `(${randomExpression(random, depth - 1)})`;
}

async function viaJsonata(source: string, scope: ExprScope): Promise<{ value: unknown } | { error: unknown }> {
  try {
    return { value: await jsonata(source).evaluate(scope) };
  } catch (error) {
    return { error };
  }
}

describe('direct evaluation of simple expressions', () => {
  it('answers exactly as JSONata does, or leaves the expression to JSONata', async () => {
    const random = seededRandom('direct-evaluator');
    let answered = 0;
    let total = 0;
    for (let i = 0; i < 400; i++) {
      const source = randomExpression(random, 3);
      const direct = directEvaluatorFor(jsonata(source));
      expect(direct, source).toBeDefined();
      for (const scope of scopes()) {
        total += 1;
        const result = direct?.(scope);
        if (result === NEEDS_JSONATA) continue;
        answered += 1;
        expect(await viaJsonata(source, scope), `${source} with ${JSON.stringify(scope)}`).toEqual({ value: result });
      }
    }
    // Most combinations are answered directly; the rest (type errors, arrays) by JSONata.
    expect(answered / total).toBeGreaterThan(0.4);
  });

  it('answers the common workflow expressions directly', () => {
    const scope: ExprScope = { input: { amount: 1500, name: 'Ada' }, vars: { i: 2, ok: true }, steps: {} };
    const cases: [string, unknown][] = [
      ['input.amount > 1000', true],
      ['vars.i + 1', 3],
      ['vars.i < input.amount and vars.ok', true],
      ['"Dear " & input.name', 'Dear Ada'],
      ['input.amount >= 2000 ? "big" : "small"', 'small'],
      ['input.missing', undefined],
      ['-(vars.i * 2)', -4],
      ['input.missing = 1', false],
    ];
    for (const [source, expected] of cases)
      expect(directEvaluatorFor(jsonata(source))?.(scope), source).toEqual(expected);
  });

  it('leaves functions, variables, predicates and constructors to JSONata', () => {
    for (const source of [
      '$now()',
      '$x',
      'input.list[0]',
      'input.list[x > 1]',
      '[1, 2]',
      '{"a": 1}',
      '$sum(input.list)',
      'input.*',
      '(a; b)',
      'input.(a)',
      '[1..3]',
      'x in [1]',
    ])
      expect(directEvaluatorFor(jsonata(source)), source).toBeUndefined();
  });
});
