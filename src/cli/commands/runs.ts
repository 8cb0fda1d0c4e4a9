import { z } from 'zod';
import { handledErrorsOfRuns } from '#backend';
import type { RunListItem } from '#shared';
import { nonEmpty, runOrderText, runStatusText, wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { storeExists, withHost } from '../host-session.js';
import { formatTable } from '../output.js';

/** `1234 ms` → `1.2s`, `3m 04s`, `2h 05m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function statusText(run: RunListItem): string {
  const handled = run.handledErrors?.count ?? 0;
  const status = handled === 0 ? run.status : `${run.status} (${handled} handled error${handled === 1 ? '' : 's'})`;
  return run.imported ? `${status} (imported)` : status;
}

function row(run: RunListItem): string[] {
  const started = Date.parse(run.startedAt);
  const ended = run.endedAt === undefined ? NaN : Date.parse(run.endedAt);
  const parent =
    run.parentRun === undefined ? '-' : run.forkSeq === undefined ? run.parentRun : `${run.parentRun}@${run.forkSeq}`;
  return [
    run.id,
    `${run.workflowId}@${run.version}`,
    statusText(run),
    Number.isNaN(started) ? run.startedAt : new Date(started).toISOString().replace('T', ' ').slice(0, 19),
    Number.isNaN(started) || Number.isNaN(ended) ? '-' : formatDuration(ended - started),
    parent,
  ];
}

export const runsCommand = defineCommand({
  name: 'runs',
  summary: 'list the runs in the store, newest first',
  usage: 'runs [--status S] [--workflow ID] [--order O] [--limit N]',
  description: [
    'Prints a table: run id, workflow@version, status, start time (UTC), duration, and the parent',
    'run (RUN@SEQ for forks). A completed run that went on from a failure along an error port',
    'shows "completed (N handled errors)"; its status stays completed. With --json: a JSON array',
    'of run records.',
  ].join('\n'),
  positionals: [],
  options: {
    status: {
      type: 'string',
      value: 'S',
      description: 'only runs with this status (running, waiting, completed, failed, cancelled)',
    },
    workflow: { type: 'string', value: 'ID', description: 'only runs of this workflow id' },
    order: {
      type: 'string',
      value: 'O',
      description: 'newest (default), oldest, longest or shortest first (a run still going: its time so far)',
    },
    limit: { type: 'string', value: 'N', description: 'at most N runs' },
  },
  schema: z.object({
    status: runStatusText.optional(),
    workflow: nonEmpty('a workflow id').optional(),
    order: runOrderText.optional(),
    limit: wholeNumber(1).optional(),
  }),
  async run(ctx, args) {
    const filter = {
      ...(args.status === undefined ? {} : { status: args.status }),
      ...(args.workflow === undefined ? {} : { workflowId: args.workflow }),
      ...(args.order === undefined ? {} : { order: args.order }),
      ...(args.limit === undefined ? {} : { limit: args.limit }),
    };
    // --json prints the run records as stored; the table also reads each completed run's history.
    const runs: readonly RunListItem[] = storeExists(ctx)
      ? await withHost(ctx, {}, async (host) => {
          const found = await host.store.listRuns(filter);
          return ctx.out.json ? found : handledErrorsOfRuns(host.store)(found);
        })
      : [];
    ctx.out.result(runs, () => {
      if (runs.length === 0) ctx.out.line('no runs');
      else
        for (const line of formatTable(['RUN', 'WORKFLOW', 'STATUS', 'STARTED', 'DURATION', 'PARENT'], runs.map(row)))
          ctx.out.line(line);
    });
    return 0;
  },
});
