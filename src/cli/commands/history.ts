import { z } from 'zod';
import { runHistory } from '#backend';
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

export const historyCommand = defineCommand({
  name: 'history',
  summary: "print a run's history, one event per line",
  usage: 'history RUN',
  description: [
    'Prints the events of run RUN in seq order: `seq  time  type  node  data`, data as JSON.',
    'With --json: a JSON array of the events {seq, at, type, node?, data?}.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {},
  schema: z.object({ run: runIdArg }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    const events = await withHost(ctx, {}, async (host) => runHistory(host.store, args.run));
    ctx.out.result(events, () => {
      // The header would read as an event; the columns speak for themselves.
      for (const line of formatTable(['', '', '', '', ''], events.map(row)).slice(1)) ctx.out.line(line);
    });
    return 0;
  },
});
