import type { ExecContext, ExecResult } from '../node-executor.js';

/** Starts one branch per outgoing edge; an edge whose `when` is false is skipped. */
export async function execute(ctx: ExecContext<'parallel'>): Promise<ExecResult> {
  const branches: string[] = [];
  for (const [i, edge] of ctx.outgoing.entries()) {
    if (edge.when === undefined || (await ctx.evaluate(`edges[${i}].when (to ${edge.to})`, edge.when)))
      branches.push(edge.to);
  }
  return { output: null, branches };
}
