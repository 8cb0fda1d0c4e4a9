import { z } from 'zod';
import { exportRunBundle, writeRunBundleFile } from '#backend';
import { defineCommand } from '../command.js';
import { requireStoreFor, withHost } from '../host-session.js';
import { runIdArg } from '../arg-schemas.js';

export const exportRunCommand = defineCommand({
  name: 'export-run',
  summary: 'write a run, its workflow and its whole history to one bundle file',
  usage: 'export-run RUN [--out FILE]',
  description: [
    'Writes the run bundle of run RUN ({"format": "switchyard/run-bundle@1", workflow, run,',
    'events}) to FILE as indented JSON, whole or not at all, and prints where it went; with',
    '--json: {"runId", "file", "events"}. Without --out the bundle itself goes to stdout',
    '(indented; one line with --json). `import-run` reads it into another store.',
  ].join('\n'),
  positionals: ['RUN'],
  options: {
    out: { type: 'string', value: 'FILE', description: 'write the bundle to FILE instead of stdout' },
  },
  schema: z.object({ run: runIdArg, out: z.string().min(1, 'expected a file path').optional() }),
  async run(ctx, args) {
    requireStoreFor(ctx, args.run);
    const bundle = await withHost(ctx, {}, async (host) => exportRunBundle(host.store, args.run));
    if (args.out === undefined) {
      ctx.out.jsonValue(bundle);
      return 0;
    }
    writeRunBundleFile(args.out, bundle);
    const summary = { runId: bundle.run.id, file: args.out, events: bundle.events.length };
    ctx.out.result(summary, () =>
      ctx.out.line(`exported run ${summary.runId} (${summary.events} events) to ${summary.file}`),
    );
    return 0;
  },
});
