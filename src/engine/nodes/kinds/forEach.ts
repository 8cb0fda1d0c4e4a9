import { SwitchyardError } from '#shared';
import { childFailure, childRunId } from '../child-runs.js';
import type { ExecContext, ExecResult } from '../node-executor.js';

/** Runs the body workflow once per item, `concurrency` at a time; outputs the results in item order. */
export async function execute(ctx: ExecContext<'forEach'>): Promise<ExecResult> {
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
      else if (outcome.status === 'failed') firstFailure ??= childFailure(outcome, `item ${index}`);
      else firstFailure ??= new SwitchyardError('CANCELLED', `item ${index}: run ${outcome.runId} was cancelled`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(items.length, 1)) }, worker));
  if (firstFailure) throw firstFailure;
  if (waiting.length > 0) return { waitingOn: { kind: 'forEach', runs: waiting } };
  return { output: results };
}
