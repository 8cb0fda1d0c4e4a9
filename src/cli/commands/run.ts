import { z } from 'zod';
import { awaitOutcome, loadWorkflowFile, readTextFile } from '#backend';
import { assertJsonDepth, SwitchyardError } from '#shared';
import { jsonText, wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { withHost } from '../host-session.js';
import { outcomeJson, reportOutcome } from '../outcome-output.js';
import { printWarnings } from './workflow-warnings.js';

const RunArgs = z
  .object({
    file: z.string(),
    input: jsonText.optional(),
    inputFile: z.string().min(1, 'expected a file path').optional(),
    maxSteps: wholeNumber(1).optional(),
    maxWait: wholeNumber(0).optional(),
    detach: z.boolean().optional(),
  })
  .refine((a) => a.input === undefined || a.inputFile === undefined, {
    message: 'give --input or --input-file, not both',
  });

function readInputFile(path: string): unknown {
  const text = readTextFile(path);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `--input-file ${path} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  assertJsonDepth(input, `--input-file ${path}`);
  return input;
}

export const runCommand = defineCommand({
  name: 'run',
  summary: 'start a run of a workflow and drive it until it completes, fails or waits',
  usage: 'run FILE [--input JSON | --input-file F] [--max-steps N] [--max-wait MS] [--detach]',
  description: [
    'Starts a run of the workflow in FILE with the given input (default {}), checked against',
    "the workflow's input schema, and prints the run id, its status, and its output, its error,",
    'or what it waits on and the command that continues it.',
    'With --json the last line of stdout is',
    '{"runId", "status", "output", "error", "waitingOn": [{"node", "kind", ...}]}.',
    'Exit 0 completed, 1 failed, 3 waiting, 2 bad usage or invalid workflow or input.',
    'With --detach it only records the run and prints its id (--json: the outcome line, status',
    '"running") and exits 0: `switchyard worker` (or `resume`) drives it. On a PostgreSQL store',
    'workers always drive runs: without --detach it waits for the outcome and reports it as above.',
  ].join('\n'),
  positionals: ['FILE'],
  options: {
    input: { type: 'string', value: 'JSON', description: 'the run input as JSON text' },
    'input-file': { type: 'string', value: 'F', description: 'read the run input from JSON file F' },
    'max-steps': { type: 'string', value: 'N', description: 'stop the run after N node executions (default 10000)' },
    'max-wait': MAX_WAIT_OPTION,
    detach: { type: 'boolean', description: 'record the run and exit; a worker drives it' },
  },
  schema: RunArgs,
  async run(ctx, args) {
    const input = args.inputFile === undefined ? (args.input ?? {}) : readInputFile(args.inputFile);
    const { workflow, warnings } = loadWorkflowFile(args.file);
    printWarnings(ctx.out, args.file, warnings);
    return withHost(ctx, { maxInlineWaitMs: args.maxWait }, async (host) => {
      // On a shared store workers drive runs: this process records the run and waits for its outcome.
      const detach = args.detach === true || host.workersDrive;
      const started = await host.engine.start(workflow, input, {
        ...(args.maxSteps === undefined ? {} : { maxSteps: args.maxSteps }),
        ...(detach ? { detach: true } : {}),
      });
      if (args.detach === true) {
        ctx.out.result(outcomeJson(started), () => ctx.out.line(started.runId));
        return 0;
      }
      if (!host.workersDrive) return reportOutcome(ctx, host, started);
      ctx.out.note(`run ${started.runId} recorded; a worker drives it (switchyard worker on the same store)`);
      return reportOutcome(ctx, host, await awaitOutcome(host, started.runId));
    });
  },
});
