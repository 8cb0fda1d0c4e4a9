import { z } from 'zod';
import { changedPaths, forkChangesOf, isForkStart, runHistory } from '#backend';
import type { HistoryEvent } from '#shared';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { formatTable } from '../output.js';
import { runIdArg } from '../arg-schemas.js';

function row(event: HistoryEvent): string[] {
  return [
    String(event.seq),
    event.at,
    event.type,
    event.node ?? '-',
    event.data === undefined ? '' : JSON.stringify(event.data),
  ];
}

/** `forked from r_1 at #4, changed: input, steps.fetch.output` when the history is a fork's. */
function forkLine(first: HistoryEvent | undefined): string | undefined {
  if (first === undefined || !isForkStart(first)) return undefined;
  const data = first.data ?? {};
  const changed = changedPaths(forkChangesOf(data));
  const parent = `forked from ${String(data['parentRun'])} at #${String(data['forkSeq'])}`;
  return changed.length === 0 ? `${parent}, nothing changed` : `${parent}, changed: ${changed.join(', ')}`;
}

export const historyCommand = defineCommand({
  name: 'history',
  summary: "print a run's history, one event per line",
  usage: 'history RUN',
  description: [
    'Prints the events of run RUN in seq order: `seq  time  type  node  data`, data as JSON;',
    'a fork first says what it was forked from and what it changed (`changed: input, steps.X.output`).',
    'With --json: a JSON array of the events {seq, at, type, node?, data?}.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {},
  schema: z.object({ run: runIdArg }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    const events = await withHost(ctx, {}, async (host) => runHistory(host.store, args.run));
    ctx.out.result(events, () => {
      const fork = forkLine(events[0]);
      if (fork !== undefined) ctx.out.line(fork);
      // The header would read as an event; the columns speak for themselves.
      for (const line of formatTable(['', '', '', '', ''], events.map(row)).slice(1)) ctx.out.line(line);
    });
    return 0;
  },
});
