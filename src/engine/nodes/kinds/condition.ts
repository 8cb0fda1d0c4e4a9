import type { ExecContext, ExecResult } from '../node-executor.js';

/** Evaluates `when`: the outcome leaves by `true` or `false`. */
export async function execute(ctx: ExecContext<'condition'>): Promise<ExecResult> {
  const value = await ctx.evaluate('config.when', ctx.node.config.when);
  return { output: Boolean(value), port: value ? 'true' : 'false' };
}
