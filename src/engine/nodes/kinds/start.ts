import type { ExecContext, ExecResult } from '../node-executor.js';

/** The start node's output is the run input. */
export async function execute(ctx: ExecContext<'start'>): Promise<ExecResult> {
  return { output: ctx.scope.input };
}
