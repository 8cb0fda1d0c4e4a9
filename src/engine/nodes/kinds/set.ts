import type { ExecContext, ExecResult } from '../node-executor.js';

/**
 * Evaluates every `vars` expression against the scope before the node (they do not see each
 * other's results) and sets them in `vars`, as a transform's `assign` does. The output is
 * the map of values set.
 */
export async function execute(ctx: ExecContext<'set'>): Promise<ExecResult> {
  const vars: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(ctx.node.config.vars)) {
    vars[name] = await ctx.evaluate(`config.vars.${name}`, source);
  }
  return { output: vars, vars: { ...vars } };
}
