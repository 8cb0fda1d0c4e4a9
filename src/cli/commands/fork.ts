import { z } from 'zod';
import { ForkChanges } from '#shared';
import { jsonText, runIdArg, wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { reportOutcome } from '../outcome-output.js';
import { seqArg } from './seq-arg.js';

const { vars, outputs } = ForkChanges.shape;

export const forkCommand = defineCommand({
  name: 'fork',
  summary: 'start a new run from the state of a run after a given event (what-if), and drive it on',
  usage: 'fork RUN --at SEQ [--vars JSON] [--input JSON] [--outputs JSON] [--max-wait MS]',
  description: [
    'Starts a new run of the workflow that run RUN ran, from its state after event SEQ (no task',
    'before SEQ runs again), and continues it as `run` does, with the same output and exit codes.',
    'What if: --vars is merged into its vars, --input replaces its input (checked against the',
    "workflow's input schema; the start node's output is the new input too), and --outputs",
    '{"NODE": OUTPUT, ...} replaces the recorded output of nodes that completed at or before SEQ.',
    'The new run records RUN and SEQ as its parent (`runs` shows RUN@SEQ) and what it changed',
    '(`history` prints it). To retry a failed node, fork at the seq just before its node.entered.',
    'Forking at a point where RUN waited leaves the new run waiting there. RUN may be an imported',
    'run; the fork runs here. A SEQ outside 1..last event, an unknown run or a change that does',
    'not fit (not JSON, an unknown node, a node without an output at SEQ) records nothing and exits 2.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {
    at: { type: 'string', value: 'SEQ', description: 'the event after which the new run starts (required)' },
    vars: { type: 'string', value: 'JSON', description: 'a JSON object merged into the vars of the new run' },
    input: { type: 'string', value: 'JSON', description: 'the input of the new run, replacing the recorded one' },
    outputs: {
      type: 'string',
      value: 'JSON',
      description: 'a JSON object {"NODE": OUTPUT}: new outputs of nodes that completed by SEQ',
    },
    'max-wait': MAX_WAIT_OPTION,
  },
  schema: z.object({
    run: runIdArg,
    at: seqArg('fork'),
    vars: jsonText.pipe(vars).optional(),
    input: jsonText.optional(),
    outputs: jsonText.pipe(outputs).optional(),
    maxWait: wholeNumber(0).optional(),
  }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    const { run, at, maxWait, ...changes } = args;
    return withHost(ctx, { maxInlineWaitMs: maxWait }, async (host) => {
      const outcome = await host.engine.fork(run, at, changes);
      return reportOutcome(ctx, host, outcome);
    });
  },
});
