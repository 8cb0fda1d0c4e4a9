import { SwitchyardError } from '#shared';
import { childFailure, childRunId } from '../child-runs.js';
import type { ExecContext, ExecResult } from '../node-executor.js';

/** Runs the child workflow (or continues it after a restart); its output is the node's. */
export async function execute(ctx: ExecContext<'subflow'>): Promise<ExecResult> {
  const { workflow, input: inputSource } = ctx.node.config;
  const input = inputSource === undefined ? {} : await ctx.evaluate('config.input', inputSource);
  const outcome = await ctx.children.run({ childId: childRunId(ctx), node: ctx.node.id, workflowId: workflow, input });
  switch (outcome.status) {
    case 'completed':
      return { output: outcome.output };
    case 'failed':
      throw childFailure(outcome, `subflow "${workflow}"`);
    case 'cancelled':
      throw new SwitchyardError('CANCELLED', `subflow run ${outcome.runId} was cancelled`);
    case 'waiting':
      return { waitingOn: { kind: 'subflow', runs: [outcome.runId] } };
  }
}
