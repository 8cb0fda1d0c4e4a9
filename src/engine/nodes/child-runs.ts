import { SwitchyardError } from '#shared';
import type { ChildOutcome, ExecContext, ExecResult } from './node-executor.js';

/** Child run ids are derived from the parent's log, so a restarted parent finds its children again. */
export function childRunId(
  ctx: Pick<ExecContext, 'runId' | 'enteredSeq' | 'attempt'> & { node: { id: string } },
  index?: number,
): string {
  const base = `${ctx.runId}.${ctx.node.id}.${ctx.enteredSeq}-${ctx.attempt}`;
  return index === undefined ? base : `${base}.${index}`;
}

function failure(outcome: Extract<ChildOutcome, { status: 'failed' }>, where: string): SwitchyardError {
  return new SwitchyardError('TASK_FAILED', `${where} failed: ${outcome.error.message}`);
}

export async function executeSubflow(ctx: ExecContext<'subflow'>): Promise<ExecResult> {
  const { workflow, input: inputSource } = ctx.node.config;
  const input = inputSource === undefined ? {} : await ctx.evaluate('config.input', inputSource);
  const outcome = await ctx.children.run({ childId: childRunId(ctx), node: ctx.node.id, workflowId: workflow, input });
  switch (outcome.status) {
    case 'completed':
      return { output: outcome.output };
    case 'failed':
      throw failure(outcome, `subflow "${workflow}"`);
    case 'cancelled':
      throw new SwitchyardError('CANCELLED', `subflow run ${outcome.runId} was cancelled`);
    case 'waiting':
      return { waitingOn: { kind: 'subflow', runs: [outcome.runId] } };
  }
}

export async function executeForEach(ctx: ExecContext<'forEach'>): Promise<ExecResult> {
  const { items: itemsSource, workflow, concurrency = 1 } = ctx.node.config;
  const items = await ctx.evaluate('config.items', itemsSource);
  if (!Array.isArray(items)) {
    throw new SwitchyardError(
      'EXPRESSION_FAILED',
      `config.items: expected an array, got ${items === null ? 'null' : typeof items}`,
    );
  }
  const results: unknown[] = new Array<unknown>(items.length).fill(null);
  const waiting: string[] = [];
  let firstFailure: SwitchyardError | undefined;
  let next = 0;
  // Waiting children keep their slot: with concurrency 1, items are approved one at a time.
  const worker = async (): Promise<void> => {
    while (next < items.length && waiting.length === 0 && !firstFailure && !ctx.signal.aborted) {
      const index = next++;
      const item: unknown = items[index];
      const outcome = await ctx.children.run({
        childId: childRunId(ctx, index),
        node: ctx.node.id,
        workflowId: workflow,
        input: item,
        item,
        index,
      });
      if (outcome.status === 'completed') results[index] = outcome.output;
      else if (outcome.status === 'waiting') waiting.push(outcome.runId);
      else if (outcome.status === 'failed') firstFailure ??= failure(outcome, `item ${index}`);
      else firstFailure ??= new SwitchyardError('CANCELLED', `item ${index}: run ${outcome.runId} was cancelled`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(items.length, 1)) }, worker));
  if (firstFailure) throw firstFailure;
  if (waiting.length > 0) return { waitingOn: { kind: 'forEach', runs: waiting } };
  return { output: results };
}
