import { z } from 'zod';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { reportOutcome } from '../outcome-output.js';
import { runIdArg } from '../arg-schemas.js';

export const cancelCommand = defineCommand({
  name: 'cancel',
  summary: 'cancel a running or waiting run (and its child runs)',
  usage: 'cancel RUN [--reason TEXT]',
  description: [
    'Records run.cancelled for run RUN and cancels its unfinished child runs. Prints the outcome',
    'as `run` does; a cancelled run exits 0, since the command did what was asked. A run that has',
    'already finished is refused with exit 2.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {
    reason: {
      type: 'string',
      value: 'TEXT',
      description: 'why (recorded in the history; default "cancelled by user")',
    },
  },
  schema: z.object({ run: runIdArg, reason: z.string().min(1, 'expected a reason').optional() }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    return withHost(ctx, {}, async (host) => reportOutcome(ctx, host, await host.engine.cancel(args.run, args.reason)));
  },
});
