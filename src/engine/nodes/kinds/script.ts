import { DEFAULT_SCRIPT_LIMITS } from '../../sandbox/script-limits.js';
import type { ExecContext, ExecResult } from '../node-executor.js';

export async function execute(ctx: ExecContext<'script'>): Promise<ExecResult> {
  const { input, vars, steps } = ctx.scope;
  // Loaded only when the host runs scripts in-process: a page that runs them in Web Workers never
  // loads the interpreter on its own thread.
  const run = ctx.ports.scripts ?? (await import('../../sandbox/run-script.js')).runScript;
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
