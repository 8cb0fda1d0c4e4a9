import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  checkTemplate,
  evaluateExpression,
  renderTemplate,
  seededRandom,
  type ExprEnv,
  type ExprScope,
} from './index.js';
import { failure } from '../testing/failure.test-support.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function fixedEnv(randoms: number[] = [0.25]): ExprEnv {
  let next = 0;
  return { now: () => NOW, random: () => randoms[next++ % randoms.length] ?? 0 };
}

const scope: ExprScope = {
  input: {
    amount: 1500,
    customer: { name: 'Ada' },
    items: [
      { sku: 'a', qty: 2 },
      { sku: 'b', qty: 3 },
    ],
  },
  vars: { total: 42, note: null },
  steps: {
    fetch: { output: { status: 200, body: { ok: true } }, attempts: 1 },
    broken: { error: { code: 'HTTP_STATUS', message: 'got 500' }, attempts: 3 },
  },
  item: { id: 7 },
  index: 2,
  attempt: 1,
  run: { id: 'r_1', workflowId: 'order-approval', version: 3, startedAt: '2024-01-02T03:04:05.000Z' },
};

describe('builtins that allocate', () => {
  it('refuses a $pad wider than the string limit before building it, and pads as JSONata does otherwise', async () => {
    const env = fixedEnv();
    const error = await failure(evaluateExpression('$pad("x", 100000000)', scope, env));
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toContain('$pad: a width of 100000000 is more than the 1000000 characters');
    expect(await evaluateExpression('$pad("ab", 5, "-")', scope, env)).toBe('ab---');
    expect(await evaluateExpression('$pad("ab", -4)', scope, env)).toBe('  ab');
  });

  it.each([
    ['$string([1..2000000])', '$string: the text of this value would be more than the 1000000 characters'],
    [
      '$join([1..20000].$string($), "------------------------------------------------------------")',
      '$join: the joined text would be more than the 1000000 characters',
    ],
    ['$replace($pad("", 100000, "x"), "x", "yyyyyyyyyyy")', '$replace: the result could be more than the 1000000'],
    ['$sort([1..3000000])', '$sort: 3000000 items are more than the 100000 it takes (limit expressionArrayItems)'],
    ['$reverse([1..200000])', '$reverse: 200000 items are more than the 100000 it takes (limit expressionArrayItems)'],
    ['$shuffle([1..200000])', '$shuffle: 200000 items are more than the 100000 it takes (limit expressionArrayItems)'],
    [
      '$distinct([1..20000])',
      '$distinct: 20000 items are more than the 10000 it takes (limit expressionDistinctItems)',
    ],
  ])('refuses %s before the call', async (source, message) => {
    const error = await failure(evaluateExpression(source, scope, fixedEnv()));
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toContain(message);
  });

  it('leaves the bounded builtins working as JSONata has them', async () => {
    const env = fixedEnv();
    const cases: [string, unknown][] = [
      ['$string({ "a": [1, "x"] })', '{"a":[1,"x"]}'],
      ['$string(1.5)', '1.5'],
      ['$join(["a", "b", "c"], "-")', 'a-b-c'],
      ['["x", "y"] ~> $join()', 'xy'],
      ['$replace("abcb", "b", "X")', 'aXcX'],
      ['$replace("abcb", /b/, "X", 1)', 'aXcb'],
      ['$replace("a1b22", /[0-9]+/, function($m) { "<" & $m.match & ">" })', 'a<1>b<22>'],
      ['$sort([3, 1, 2])', [1, 2, 3]],
      ['$sort([{ "n": 2 }, { "n": 1 }], function($l, $r) { $l.n > $r.n }).n', [1, 2]],
      ['$reverse([1, 2, 3])', [3, 2, 1]],
      ['$distinct([1, 1, 2])', [1, 2]],
    ];
    for (const [source, expected] of cases)
      expect(await evaluateExpression(source, scope, env), source).toEqual(expected);
  });
});

describe('evaluateExpression', () => {
  it('reads every scope field as a top-level name', async () => {
    const env = fixedEnv();
    expect(await evaluateExpression('input.amount > 1000', scope, env)).toBe(true);
    expect(await evaluateExpression('input.amount * 2 + vars.total', scope, env)).toBe(3042);
    expect(await evaluateExpression('steps.fetch.output.body.ok', scope, env)).toBe(true);
    expect(await evaluateExpression('steps.broken.error.code & "/" & steps.broken.attempts', scope, env)).toBe(
      'HTTP_STATUS/3',
    );
    expect(await evaluateExpression('[item.id, index, attempt, run.id, run.version]', scope, env)).toEqual([
      7,
      2,
      1,
      'r_1',
      3,
    ]);
    expect(await evaluateExpression("{ 'who': input.customer.name }", scope, env)).toEqual({ who: 'Ada' });
  });

  it('returns null for missing values', async () => {
    expect(await evaluateExpression('input.nope.deeper', scope, fixedEnv())).toBeNull();
    expect(await evaluateExpression('vars.note', scope, fixedEnv())).toBeNull();
  });

  it('turns JSONata sequences into plain arrays', async () => {
    const skus = await evaluateExpression('input.items.sku', scope, fixedEnv());
    expect(skus).toEqual(['a', 'b']);
    expect(Object.keys(skus as object)).toEqual(['0', '1']);
    expect(Object.getPrototypeOf(skus)).toBe(Array.prototype);
    const nested = await evaluateExpression(
      "{ 'qty': input.items.qty, 'one': [input.items[0].sku] }",
      scope,
      fixedEnv(),
    );
    expect(JSON.parse(JSON.stringify(nested))).toEqual(nested);
    expect(nested).toEqual({ qty: [2, 3], one: ['a'] });
    expect(Object.keys((nested as { one: unknown[] }).one)).toEqual(['0']);
  });

  it('returns a copy that does not alias the scope', async () => {
    const customer = (await evaluateExpression('input.customer', scope, fixedEnv())) as { name: string };
    customer.name = 'changed';
    expect(scope.input).toMatchObject({ customer: { name: 'Ada' } });
  });

  it('takes $now, $millis, $random and $shuffle from the env, so they repeat exactly', async () => {
    expect(await evaluateExpression('$now()', scope, fixedEnv())).toBe('2024-01-02T03:04:05.678Z');
    expect(await evaluateExpression('$millis()', scope, fixedEnv())).toBe(NOW);
    expect(await evaluateExpression("$now('[Y0001]-[M01]-[D01]')", scope, fixedEnv())).toBe('2024-01-02');
    expect(await evaluateExpression('[$random(), $random()]', scope, fixedEnv([0.1, 0.9]))).toEqual([0.1, 0.9]);
    const shuffle = '$shuffle([1, 2, 3, 4, 5])';
    const first = await evaluateExpression(shuffle, scope, { now: () => NOW, random: seededRandom('s') });
    const again = await evaluateExpression(shuffle, scope, { now: () => NOW, random: seededRandom('s') });
    expect(again).toEqual(first);
    expect([...(first as number[])].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects a syntax error with BAD_EXPRESSION naming the problem and position', async () => {
    const error = await failure(evaluateExpression('input.a + (1', scope, fixedEnv()));
    expect(error.code).toBe('BAD_EXPRESSION');
    expect(error.message).toBe('syntax error at position 12: expected ")" before end of expression in "input.a + (1"');
  });

  it('rejects a failing evaluation with EXPRESSION_FAILED', async () => {
    const error = await failure(evaluateExpression('$notAFunction(1)', scope, fixedEnv()));
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toBe(
      'evaluation failed: Attempted to invoke a non-function at position 14 in "$notAFunction(1)"',
    );
    const thrown = await failure(evaluateExpression('$error("amount too high")', scope, fixedEnv()));
    expect(thrown.message).toMatch(/^evaluation failed: amount too high/);
  });

  it('rejects results that are not JSON', async () => {
    const fn = await failure(evaluateExpression('function($x) { $x }', scope, fixedEnv()));
    expect(fn.code).toBe('EXPRESSION_FAILED');
    expect(fn.message).toBe(
      'evaluation failed: the result is a function, which is not a JSON value in "function($x) { $x }"',
    );
    const nested = await failure(evaluateExpression("{ 'f': $sum }", scope, fixedEnv()));
    expect(nested.message).toContain('the result has a function at $.f');
    const infinite = await failure(evaluateExpression('1 / 0', scope, fixedEnv()));
    expect(infinite.message).toContain('Infinity');
  });

  it('stops runaway recursion', async () => {
    const error = await failure(
      evaluateExpression('($f := function($n) { 1 + $f($n + 1) }; $f(0))', scope, fixedEnv()),
    );
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toMatch(/nested deeper than 500 levels/);
  });

  it('stops an expression that runs too long', async () => {
    // Tail calls do not nest, so only the time limit can end this one.
    const started = performance.now();
    const error = await failure(
      evaluateExpression('($loop := function($n) { $n < 0 ? $n : $loop($n + 1) }; $loop(0))', scope, fixedEnv()),
    );
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toMatch(/ran longer than 1000 ms/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('handles many distinct sources (the compile cache stays bounded)', async () => {
    for (let i = 0; i < 600; i++) {
      expect(await evaluateExpression(`${i} + 1`, scope, fixedEnv())).toBe(i + 1);
    }
    expect(await evaluateExpression('0 + 1', scope, fixedEnv())).toBe(1);
  });
});

describe('checkExpression', () => {
  it('accepts valid JSONata without evaluating it', () => {
    expect(checkExpression('$error("never evaluated")')).toEqual({ ok: true });
    expect(checkExpression("{ 'approved': steps.boss.output.decision = 'approved' }")).toEqual({ ok: true });
  });

  it('reports the message and position of a syntax error', () => {
    expect(checkExpression('input.a + (1')).toEqual({
      ok: false,
      position: 12,
      message: 'syntax error at position 12: expected ")" before end of expression in "input.a + (1"',
    });
    expect(checkExpression('1 +* 2')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unexpected token "2"'),
    });
    expect(checkExpression('')).toMatchObject({ ok: false });
  });
});

describe('renderTemplate', () => {
  it('replaces each part and keeps the text around it', async () => {
    const text = await renderTemplate(
      'Approve {{ input.amount }} for {{input.customer.name}}? ({{ attempt }})',
      scope,
      fixedEnv(),
    );
    expect(text).toBe('Approve 1500 for Ada? (1)');
  });

  it('renders objects and arrays as JSON, missing values as nothing, booleans via String', async () => {
    expect(await renderTemplate('body={{ steps.fetch.output.body }}', scope, fixedEnv())).toBe('body={"ok":true}');
    expect(await renderTemplate('skus={{ input.items.sku }}', scope, fixedEnv())).toBe('skus=["a","b"]');
    expect(await renderTemplate('[{{ input.missing }}][{{ vars.note }}]', scope, fixedEnv())).toBe('[][]');
    expect(await renderTemplate('{{ input.amount > 1 }}', scope, fixedEnv())).toBe('true');
  });

  it('renders a template that is one expression as a string', async () => {
    expect(await renderTemplate('{{ input.amount }}', scope, fixedEnv())).toBe('1500');
    expect(await renderTemplate('{{ {"a": {"b": [1, "}}"]}} }}', scope, fixedEnv())).toBe('{"a":{"b":[1,"}}"]}}');
  });

  it('keeps text without expressions verbatim', async () => {
    expect(await renderTemplate('no braces, a lone } and }} here', scope, fixedEnv())).toBe(
      'no braces, a lone } and }} here',
    );
    expect(await renderTemplate('', scope, fixedEnv())).toBe('');
  });

  it('draws $random in part order', async () => {
    expect(await renderTemplate('{{ $random() }}-{{ $random() }}', scope, fixedEnv([0.5, 0.75]))).toBe('0.5-0.75');
  });

  it('rejects unbalanced braces and bad parts', async () => {
    const unclosed = await failure(renderTemplate('Hello {{ input.amount', scope, fixedEnv()));
    expect(unclosed.code).toBe('BAD_EXPRESSION');
    expect(unclosed.message).toBe('unclosed "{{" at position 6: end the expression with "}}"');
    const bad = await failure(renderTemplate('ok {{ 1 }} bad {{ input.( }}', scope, fixedEnv()));
    expect(bad.code).toBe('BAD_EXPRESSION');
    expect(bad.message).toMatch(/^syntax error at position \d+: .* in "\{\{ input\.\( \}\}"$/);
    const failing = await failure(renderTemplate('x {{ $nope() }}', scope, fixedEnv()));
    expect(failing.code).toBe('EXPRESSION_FAILED');
    expect(failing.message).toBe(
      'evaluation failed: Attempted to invoke a non-function at position 11 in "{{ $nope() }}"',
    );
  });
});

describe('checkTemplate', () => {
  it('accepts good templates', () => {
    expect(checkTemplate('Approve {{ input.amount }}?')).toEqual({ ok: true });
    expect(checkTemplate('plain text')).toEqual({ ok: true });
    expect(checkTemplate("{{ {'k': 'v}}'} }}")).toEqual({ ok: true });
  });

  it('reports unclosed braces and syntax errors with template positions', () => {
    expect(checkTemplate('Approve {{ input.amount ?')).toEqual({
      ok: false,
      position: 8,
      message: 'unclosed "{{" at position 8: end the expression with "}}"',
    });
    const check = checkTemplate('ab {{ (1 }}');
    expect(check).toMatchObject({ ok: false, message: expect.stringContaining('in "{{ (1 }}"') });
    // JSONata reports "(1 " failing at its end (position 3), which is 3 + 6 into the template.
    expect(check).toMatchObject({ position: 9 });
    expect(checkTemplate('{{ }}')).toMatchObject({ ok: false });
  });
});

describe('seededRandom', () => {
  it('repeats for the same seed and differs across seeds', () => {
    const a = seededRandom('run_1');
    const b = seededRandom('run_1');
    const c = seededRandom('run_2');
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const value of seqA) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
