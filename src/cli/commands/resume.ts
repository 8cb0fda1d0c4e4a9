import { z } from 'zod';
import type { RunOutcome, SkippedRun } from '#backend';
import { wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { storeExists, withHost } from '../host-session.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { outcomeJson } from '../outcome-output.js';

function summary(outcome: RunOutcome): string {
  const head = `${outcome.runId} ${outcome.status}`;
  if (outcome.status === 'failed' && outcome.error) return `${head}: ${outcome.error.message}`;
  if (outcome.status === 'waiting' && outcome.waitingOn.length > 0) {
    return `${head} on ${outcome.waitingOn.map((w) => `${w.node} (${w.kind}${w.dueAt === undefined ? '' : ` due ${w.dueAt}`})`).join(', ')}`;
  }
  return head;
}

function skippedLine(run: SkippedRun): string {
  return `skipped ${run.runId}: driven by ${run.owner} (lease until ${run.expiresAt})`;
}

/** In --json output a skipped run is an entry of its own, after the outcomes. */
function skippedJson(run: SkippedRun): Record<string, unknown> {
  return { runId: run.runId, status: 'skipped', drivenBy: run.owner, leaseUntil: run.expiresAt };
}

export const resumeCommand = defineCommand({
  name: 'resume',
  summary: 'resume every interrupted run: fire due timers, re-run tasks cut off by a crash',
  usage: 'resume [--max-wait MS]',
  description: [
    'Continues every top-level run left running or waiting in the store, as `run` would, and',
    'prints one line per run (run id, status, and what it still waits on). A run another live',
    'process is driving (`serve`, another `run`) is left to it: "skipped RUN: driven by OWNER".',
    'With --json: a JSON array of outcomes, then {"runId", "status": "skipped", "drivenBy",',
    '"leaseUntil"} per skipped run. Exits 0 whatever became of the runs.',
  ].join('\n'),
  positionals: [],
  options: { 'max-wait': MAX_WAIT_OPTION },
  schema: z.object({ maxWait: wholeNumber(0).optional() }),
  async run(ctx, args) {
    const { outcomes, skipped } = storeExists(ctx)
      ? await withHost(ctx, { maxInlineWaitMs: args.maxWait }, (host) => host.engine.resumeAll())
      : { outcomes: [], skipped: [] };
    ctx.out.result([...outcomes.map(outcomeJson), ...skipped.map(skippedJson)], () => {
      if (outcomes.length === 0 && skipped.length === 0) ctx.out.line('no runs to resume');
      for (const outcome of outcomes) ctx.out.line(summary(outcome));
      for (const run of skipped) ctx.out.line(skippedLine(run));
    });
    return 0;
  },
});
