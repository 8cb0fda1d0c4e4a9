import type { ExecContext, ExecResult } from '../node-executor.js';

/** Renders the fail node's message; the machine fails the run with it. */
export async function execute(ctx: ExecContext<'fail'>): Promise<ExecResult> {
  return { output: await ctx.render('config.message', ctx.node.config.message) };
}
