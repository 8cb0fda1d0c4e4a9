import { siteOf } from './expression-errors.js';
import type { ExprEnv, ExprScope, SyntaxCheck } from './expr-types.js';
import { checkAt, compileAt, evaluateAt } from './run-expression.js';

/**
 * Checks the JSONata syntax of `source` without evaluating it.
 *
 * @example
 * checkExpression('input.a + (1');
 * // { ok: false, position: 12, message: 'syntax error at position 12: expected ")" before end of expression in "input.a + (1"' }
 */
export function checkExpression(source: string): SyntaxCheck {
  return checkAt(source, siteOf(source));
}

/**
 * Evaluates a JSONata expression against the run scope and returns plain JSON
 * (`undefined` becomes `null`). `$now()`, `$millis()`, `$random()` and `$shuffle()` draw from `env`.
 * Throws SwitchyardError BAD_EXPRESSION (syntax) or EXPRESSION_FAILED (evaluation).
 *
 * @example
 * await evaluateExpression('input.amount > 1000', { input: { amount: 1500 }, vars: {}, steps: {} }, env); // true
 */
export async function evaluateExpression(source: string, scope: ExprScope, env: ExprEnv): Promise<unknown> {
  const site = siteOf(source);
  return evaluateAt(compileAt(source, site), scope, env, site);
}
