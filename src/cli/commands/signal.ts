import { z } from 'zod';
import { jsonText, nonEmpty, runIdArg, wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { reportOutcome } from '../outcome-output.js';

export const signalCommand = defineCommand({
  name: 'signal',
  summary: 'send a signal to the wait nodes of a run, then continue the run',
  usage: 'signal RUN EVENT [--data JSON] [--max-wait MS]',
  description: [
    "Delivers signal EVENT (with --data as the wait node's output, default null) to every node of",
    'run RUN (or of a waiting child run) that waits for it, and continues the run as `run` does,',
    'with the same output and exit codes. When nothing waits for EVENT, nothing is recorded',
    'and the command exits 2.',
  ].join('\n'),
  positionals: ['RUN', 'EVENT'],
  options: {
    data: { type: 'string', value: 'JSON', description: 'data sent with the signal, as JSON text' },
    'max-wait': MAX_WAIT_OPTION,
  },
  schema: z.object({
    run: runIdArg,
    event: nonEmpty('an event name'),
    data: jsonText.optional(),
    maxWait: wholeNumber(0).optional(),
  }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    return withHost(ctx, { maxInlineWaitMs: args.maxWait }, async (host) => {
      const outcome = await host.engine.signal(args.run, args.event, args.data);
      return reportOutcome(ctx, host, outcome);
    });
  },
});
