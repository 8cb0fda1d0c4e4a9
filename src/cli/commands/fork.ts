import { z } from 'zod';
import { jsonText, runIdArg, wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { reportOutcome } from '../outcome-output.js';
import { seqArg } from './seq-arg.js';

const VarsObject = z.record(z.string(), z.unknown(), {
  error: 'vars must be a JSON object, e.g. {"discount": 50}',
});

export const forkCommand = defineCommand({
  name: 'fork',
  summary: 'start a new run from the state of a run after a given event, and drive it on',
  usage: 'fork RUN --at SEQ [--vars JSON] [--max-wait MS]',
  description: [
    'Starts a new run of the workflow that run RUN ran, from its state after event SEQ (no task',
    'before SEQ runs again), with the --vars object merged into its vars, and continues it as',
    '`run` does, with the same output and exit codes. The new run records RUN and SEQ as its',
    'parent (`runs` shows RUN@SEQ). Forking at a point where RUN waited leaves the new run',
    'waiting there. RUN may be an imported run; the fork runs here. A SEQ outside 1..last',
    'event, an unknown run or --vars that is not a JSON object records nothing and exits 2.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {
    at: { type: 'string', value: 'SEQ', description: 'the event after which the new run starts (required)' },
    vars: { type: 'string', value: 'JSON', description: 'a JSON object merged into the vars of the new run' },
    'max-wait': MAX_WAIT_OPTION,
  },
  schema: z.object({
    run: runIdArg,
    at: seqArg('fork'),
    vars: jsonText.pipe(VarsObject).optional(),
    maxWait: wholeNumber(0).optional(),
  }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    return withHost(ctx, { maxInlineWaitMs: args.maxWait }, async (host) => {
      const outcome = await host.engine.fork(args.run, args.at, args.vars ?? {});
      return reportOutcome(ctx, host, outcome);
    });
  },
});
