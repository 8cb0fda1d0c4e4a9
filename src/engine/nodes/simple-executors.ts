import type { ExecContext, ExecResult } from './node-executor.js';

export async function executeStart(ctx: ExecContext<'start'>): Promise<ExecResult> {
  return { output: ctx.scope.input };
}

export async function executeEnd(ctx: ExecContext<'end'>): Promise<ExecResult> {
  const source = ctx.node.config?.output;
  return { output: source === undefined ? null : await ctx.evaluate('config.output', source) };
}

export async function executeFail(ctx: ExecContext<'fail'>): Promise<ExecResult> {
  return { output: await ctx.render('config.message', ctx.node.config.message) };
}

export async function executeLog(ctx: ExecContext<'log'>): Promise<ExecResult> {
  const message = await ctx.render('config.message', ctx.node.config.message);
  ctx.ports.logger.log(ctx.node.config.level ?? 'info', message, { run: ctx.runId, node: ctx.node.id });
  return { output: message };
}

export async function executeTransform(ctx: ExecContext<'transform'>): Promise<ExecResult> {
  const { output, assign } = ctx.node.config ?? {};
  const value = output === undefined ? null : await ctx.evaluate('config.output', output);
  if (!assign) return { output: value };
  const vars: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(assign)) {
    vars[name] = await ctx.evaluate(`config.assign.${name}`, source);
  }
  return { output: value, vars };
}

export async function executeCondition(ctx: ExecContext<'condition'>): Promise<ExecResult> {
  const value = await ctx.evaluate('config.when', ctx.node.config.when);
  return { output: Boolean(value), port: value ? 'true' : 'false' };
}

export async function executeSwitch(ctx: ExecContext<'switch'>): Promise<ExecResult> {
  const { cases } = ctx.node.config;
  for (const [i, c] of cases.entries()) {
    if (await ctx.evaluate(`config.cases[${i}].when`, c.when)) return { output: c.port, port: c.port };
  }
  return { output: 'default', port: 'default' };
}
