import { z } from 'zod';
import { importRunBundle, readRunBundleFile } from '#backend';
import { defineCommand } from '../command.js';
import { withHost } from '../host-session.js';
import { nonEmpty } from '../arg-schemas.js';

export const importRunCommand = defineCommand({
  name: 'import-run',
  summary: 'read a run bundle into the store as read-only history',
  usage: 'import-run FILE',
  description: [
    'Reads the run bundle in FILE (written by `export-run`) into the store. No task runs: the',
    'imported run is history only; `history`, `state`, `replay` and `fork` work on it, while',
    '`approve`, `signal` and `cancel` refuse it. Importing the same bundle again changes nothing',
    '("already imported"). Prints the run id; with --json: {"runId", "imported"}, imported',
    'false when it was already there. A file that is unreadable, not JSON, not a bundle, from',
    'a newer format or with a gap in its history, or a different run under the same id, is',
    'refused with exit 2 and the store is left untouched.',
  ].join('\n'),
  positionals: ['FILE'],
  options: {},
  schema: z.object({ file: nonEmpty('a file path') }),
  async run(ctx, args) {
    // Checked in full before the store is opened, so a bad file never creates or touches one.
    const bundle = readRunBundleFile(args.file);
    const { runId, alreadyImported } = await withHost(ctx, {}, async (host) => importRunBundle(host.store, bundle));
    ctx.out.result({ runId, imported: !alreadyImported }, () =>
      ctx.out.line(
        alreadyImported
          ? `run ${runId} already imported`
          : `imported run ${runId} (${bundle.events.length} events, ${bundle.run.status})`,
      ),
    );
    return 0;
  },
});
