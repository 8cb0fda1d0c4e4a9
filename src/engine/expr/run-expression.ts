import { SwitchyardError } from '#shared';
import { compileExpression, type CompiledExpression } from './compile-expression.js';
import { deterministicBindings } from './deterministic-bindings.js';
import { directEvaluatorFor, NEEDS_JSONATA } from './direct-evaluator.js';
import { describeBadResult, describeEvaluationError, describeSyntaxError, type ExprSite } from './expression-errors.js';
import type { ExprEnv, ExprScope, SyntaxCheck } from './expr-types.js';
import { NotJsonError, toPlainJson } from './to-plain-json.js';

/** Syntax check of one expression; positions are relative to the text `site` describes. */
export function checkAt(source: string, site: ExprSite): SyntaxCheck {
  const compiled = compileExpression(source);
  if (compiled.ok) return { ok: true };
  return { ok: false, ...describeSyntaxError(compiled.error, site) };
}

/** Compiles `source` or throws BAD_EXPRESSION. */
export function compileAt(source: string, site: ExprSite): CompiledExpression {
  const compiled = compileExpression(source);
  if (compiled.ok) return compiled.expression;
  throw new SwitchyardError('BAD_EXPRESSION', describeSyntaxError(compiled.error, site).message);
}

/** Evaluates a compiled expression to plain JSON or throws EXPRESSION_FAILED. */
export async function evaluateAt(
  expression: CompiledExpression,
  scope: ExprScope,
  env: ExprEnv,
  site: ExprSite,
): Promise<unknown> {
  const direct = directEvaluatorFor(expression);
  let result = direct ? direct(scope) : NEEDS_JSONATA;
  if (result === NEEDS_JSONATA) {
    try {
      result = await expression.evaluate(scope, deterministicBindings(env));
    } catch (error) {
      // A missing secret is the node's failure as it is, not the expression's.
      if (error instanceof SwitchyardError && error.code === 'SECRET_MISSING') throw error;
      throw new SwitchyardError('EXPRESSION_FAILED', describeEvaluationError(error, site));
    }
  }
  try {
    return toPlainJson(result);
  } catch (error) {
    if (error instanceof NotJsonError)
      throw new SwitchyardError('EXPRESSION_FAILED', describeBadResult(error.reason, site));
    throw error;
  }
}
