import { z } from 'zod';
import { nonEmpty, runIdArg, wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { requireStoreFor, withHost } from '../host-session.js';
import type { Io } from '../io.js';
import { reportOutcome } from '../outcome-output.js';

function defaultApprover(io: Io): string {
  return io.env['SWITCHYARD_USER'] || io.env['USER'] || 'cli';
}

export const approveCommand = defineCommand({
  name: 'approve',
  summary: 'approve (or --reject) an approval node of a waiting run, then continue the run',
  usage: 'approve RUN NODE [--reject] [--by NAME] [--comment TEXT] [--max-wait MS]',
  description: [
    'Records the decision on approval node NODE of run RUN (or of one of its waiting child runs)',
    'and continues the run as `run` does, with the same output and exit codes.',
    'The decider is --by, else $SWITCHYARD_USER, else $USER, else "cli"; when the node lists',
    'approvers, it must be one of them. A decision that does not fit (unknown run, a node that',
    'is not waiting, an approver not allowed, a finished run) records nothing and exits 2.',
  ].join('\n'),
  positionals: ['RUN', 'NODE'],
  options: {
    reject: { type: 'boolean', description: 'reject instead of approve' },
    by: {
      type: 'string',
      value: 'NAME',
      description: 'who decides (default $SWITCHYARD_USER, else $USER, else "cli")',
    },
    comment: { type: 'string', value: 'TEXT', description: 'a comment recorded with the decision' },
    'max-wait': MAX_WAIT_OPTION,
  },
  schema: z.object({
    run: runIdArg,
    node: nonEmpty('a node id'),
    reject: z.boolean().optional(),
    by: z.string().min(1, 'expected a name').optional(),
    comment: z.string().optional(),
    maxWait: wholeNumber(0).optional(),
  }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    return withHost(ctx, { maxInlineWaitMs: args.maxWait }, async (host) => {
      const outcome = await host.engine.approve(args.run, args.node, {
        decision: args.reject === true ? 'rejected' : 'approved',
        by: args.by ?? defaultApprover(ctx.io),
        ...(args.comment === undefined ? {} : { comment: args.comment }),
      });
      return reportOutcome(ctx, host, outcome);
    });
  },
});
