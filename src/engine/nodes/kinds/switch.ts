import type { ExecContext, ExecResult } from '../node-executor.js';

/** The first case whose `when` holds names the port; `default` when none does. */
export async function execute(ctx: ExecContext<'switch'>): Promise<ExecResult> {
  const { cases } = ctx.node.config;
  for (const [i, c] of cases.entries()) {
    if (await ctx.evaluate(`config.cases[${i}].when`, c.when)) return { output: c.port, port: c.port };
  }
  return { output: 'default', port: 'default' };
}
