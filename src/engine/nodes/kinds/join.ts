import { SwitchyardError } from '#shared';
import type { ExecContext, ExecResult } from '../node-executor.js';

/**
 * Runs once the machine is in the join's state (its block is over): the output maps the
 * last node of each branch that arrived (`arrivals`, without the parallel node itself) to its output. A `first`/`count` join whose
 * branches all ended before enough of them arrived fails.
 */
export async function execute(ctx: ExecContext<'join'>): Promise<ExecResult> {
  const arrived = ctx.arrivals;
  const mode = ctx.node.config?.mode ?? 'all';
  const needed = mode === 'first' ? 1 : mode === 'count' ? (ctx.node.config?.count ?? 1) : 0;
  if (arrived.length < needed)
    throw new SwitchyardError('TASK_FAILED', `join needed ${needed} branch(es) but only ${arrived.length} finished`);
  const output: Record<string, unknown> = {};
  for (const from of arrived) output[from] = ctx.scope.steps[from]?.output ?? null;
  return { output };
}
