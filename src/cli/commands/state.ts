import { z } from 'zod';
import { stateAt } from '#backend';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { seqArg } from './seq-arg.js';
import { runIdArg } from '../arg-schemas.js';

export const stateCommand = defineCommand({
  name: 'state',
  summary: 'print the state of a run after a given event (time travel)',
  usage: 'state RUN --at SEQ',
  description: [
    'Rebuilds the state of run RUN after event SEQ from its history alone (the nearest stored',
    'checkpoint, then the events after it up to SEQ; no task runs again) and prints',
    '{seq, status, active, context: {input, vars, steps}} as indented JSON (one line with',
    '--json). SEQ 0 is the state before the first event; a SEQ past the last event exits 2.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {
    at: { type: 'string', value: 'SEQ', description: 'the event after which to rebuild the state (required)' },
  },
  schema: z.object({
    run: runIdArg,
    at: seqArg('rebuild the state'),
  }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    const state = await withHost(ctx, {}, async (host) => stateAt(host.store, args.run, args.at));
    ctx.out.jsonValue(state);
    return 0;
  },
});
