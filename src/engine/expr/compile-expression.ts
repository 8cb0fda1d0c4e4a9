import jsonata from 'jsonata';
import { registerBoundedBuiltins } from './bounded-builtins.js';
import { COMPILED_CACHE_SIZE, EVALUATION_DEPTH_LIMIT, EVALUATION_TIME_LIMIT_MS } from './expression-limits.js';

export type CompiledExpression = jsonata.Expression;

export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; error: unknown };

const cache = new Map<string, CompiledExpression>();

/** Parses `source` once; later calls with the same text reuse the compiled expression. */
export function compileExpression(source: string): CompileResult {
  const cached = cache.get(source);
  if (cached !== undefined) {
    // Re-inserting moves the entry to the end of the Map's order, which makes eviction least-recently-used.
    cache.delete(source);
    cache.set(source, cached);
    return { ok: true, expression: cached };
  }
  let expression: CompiledExpression;
  try {
    expression = jsonata(source, { timeout: EVALUATION_TIME_LIMIT_MS, stack: EVALUATION_DEPTH_LIMIT });
    registerBoundedBuiltins(expression);
  } catch (error) {
    return { ok: false, error };
  }
  if (cache.size >= COMPILED_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(source, expression);
  return { ok: true, expression };
}
