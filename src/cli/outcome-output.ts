import type { Host, RunOutcome } from '#backend';
import type { CommandContext } from './command.js';
import { nextSteps } from './next-steps.js';

/** 0 completed or cancelled (the command did what was asked), 1 failed, 3 not finished (waiting). */
export function outcomeExitCode(outcome: RunOutcome): number {
  switch (outcome.status) {
    case 'completed':
    case 'cancelled':
      return 0;
    case 'failed':
      return 1;
    default:
      return 3;
  }
}

/** The `--json` line of DESIGN §5: exactly these keys, in this order. */
export function outcomeJson(outcome: RunOutcome): Record<string, unknown> {
  return {
    runId: outcome.runId,
    status: outcome.status,
    output: outcome.output ?? null,
    error: outcome.error ?? null,
    waitingOn: outcome.waitingOn,
  };
}

function describeError(outcome: RunOutcome): string {
  return outcome.error ? `${outcome.error.message} [${outcome.error.code}]` : 'unknown error';
}

/** Prints what became of a run (and how to continue it) and returns the exit code. */
export async function reportOutcome(ctx: CommandContext, host: Host, outcome: RunOutcome): Promise<number> {
  const { out } = ctx;
  const workflow = outcome.status === 'waiting' ? await host.store.getWorkflow(outcome.runId) : undefined;
  out.result(outcomeJson(outcome), () => {
    out.line(`run ${outcome.runId} ${outcome.status}`);
    if (outcome.status === 'completed') out.line(`output: ${JSON.stringify(outcome.output ?? null)}`);
    if (outcome.status === 'failed') out.line(`error: ${describeError(outcome)}`);
    if (outcome.status === 'waiting') {
      for (const line of nextSteps(outcome, workflow, ctx.globals.store.words)) out.line(line);
    }
  });
  return outcomeExitCode(outcome);
}
