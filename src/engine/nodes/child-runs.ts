import { SwitchyardError } from '#shared';
import type { ChildOutcome, ExecContext } from './node-executor.js';

/** Child run ids are derived from the parent's log, so a restarted parent finds its children again. */
export function childRunId(
  ctx: Pick<ExecContext, 'runId' | 'enteredSeq' | 'attempt'> & { node: { id: string } },
  index?: number,
): string {
  const base = `${ctx.runId}.${ctx.node.id}.${ctx.enteredSeq}-${ctx.attempt}`;
  return index === undefined ? base : `${base}.${index}`;
}

/** A child run's failure, as the error of the node that started it. */
export function childFailure(outcome: Extract<ChildOutcome, { status: 'failed' }>, where: string): SwitchyardError {
  return new SwitchyardError('TASK_FAILED', `${where} failed: ${outcome.error.message}`);
}
