import { z } from 'zod';
import { loadWorkflowFile, replayCheck, runHistory, type ReplayVerdict } from '#backend';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { printWarnings } from './workflow-warnings.js';
import { runIdArg } from '../arg-schemas.js';

/** The --json verdict: `node` is null (not missing) when the divergence is at no node. */
function verdictJson(verdict: ReplayVerdict): Record<string, unknown> {
  return verdict.clean ? verdict : { ...verdict, node: verdict.node ?? null };
}

function verdictLine(verdict: ReplayVerdict): string {
  if (verdict.clean) return `replays clean: ${verdict.events} events`;
  const where = verdict.node === undefined ? '' : ` (node ${verdict.node})`;
  return `diverged at seq ${verdict.seq}${where}: ${verdict.message}`;
}

export const replayCommand = defineCommand({
  name: 'replay',
  summary: 'check a recorded run against another version of its workflow',
  usage: 'replay RUN --against FILE',
  description: [
    'Replays the history of run RUN against the workflow in FILE without running any task, and',
    'reports the first seq at which FILE would have acted differently (another node entered, a',
    'node missing, another port taken): `diverged at seq S (node N): what differs`, exit 1.',
    'Otherwise prints `replays clean: N events` and exits 0. With --json: the verdict,',
    '{"clean": true, "events"} or {"clean": false, "seq", "node", "message"}. An invalid FILE',
    'prints its problems and exits 2.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {
    against: { type: 'string', value: 'FILE', description: 'the workflow version to check the run against (required)' },
  },
  schema: z.object({
    run: runIdArg,
    against: z
      .string({ error: 'required: the workflow file to replay the run against' })
      .min(1, 'expected a file path'),
  }),
  async run(ctx, args) {
    const { workflow, warnings } = loadWorkflowFile(args.against);
    printWarnings(ctx.out, args.against, warnings);
    requireStoreFor(ctx, args.run);
    const events = await withHost(ctx, {}, async (host) => runHistory(host.store, args.run));
    const verdict = await replayCheck(events, workflow, args.run);
    ctx.out.result(verdictJson(verdict), () => ctx.out.line(verdictLine(verdict)));
    return verdict.clean ? 0 : 1;
  },
});
