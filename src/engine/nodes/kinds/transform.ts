import type { ExecContext, ExecResult } from '../node-executor.js';

/** Evaluates `output` and every `assign` expression against the scope before the node. */
export async function execute(ctx: ExecContext<'transform'>): Promise<ExecResult> {
  const { output, assign } = ctx.node.config ?? {};
  const value = output === undefined ? null : await ctx.evaluate('config.output', output);
  if (!assign) return { output: value };
  const vars: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(assign)) {
    vars[name] = await ctx.evaluate(`config.assign.${name}`, source);
  }
  return { output: value, vars };
}
