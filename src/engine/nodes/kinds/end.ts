import type { ExecContext, ExecResult } from '../node-executor.js';

/** Evaluates the end node's `output` (null without one): it becomes the run's output. */
export async function execute(ctx: ExecContext<'end'>): Promise<ExecResult> {
  const source = ctx.node.config?.output;
  return { output: source === undefined ? null : await ctx.evaluate('config.output', source) };
}
