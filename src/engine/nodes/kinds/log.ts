import type { ExecContext, ExecResult } from '../node-executor.js';

/** Renders the message and writes it to the host's log; the output is the message. */
export async function execute(ctx: ExecContext<'log'>): Promise<ExecResult> {
  const message = await ctx.render('config.message', ctx.node.config.message);
  ctx.ports.logger.log(ctx.node.config.level ?? 'info', message, { run: ctx.runId, node: ctx.node.id });
  return { output: message };
}
