import { DEFAULT_SCRIPT_LIMITS, runScript } from '../../sandbox/index.js';
import type { ExecContext, ExecResult } from '../node-executor.js';

export async function execute(ctx: ExecContext<'script'>): Promise<ExecResult> {
  const { input, vars, steps } = ctx.scope;
  const run = ctx.ports.scripts ?? runScript;
  const output = await run(
    {
      code: ctx.node.config.code,
      scope: { input, vars, steps, attempt: ctx.attempt },
      timeoutMs: ctx.node.timeoutMs ?? DEFAULT_SCRIPT_LIMITS.timeoutMs,
      memoryLimitBytes: DEFAULT_SCRIPT_LIMITS.memoryLimitBytes,
    },
    ctx.signal,
  );
  return { output };
}
