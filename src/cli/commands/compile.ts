import { z } from 'zod';
import { compileWorkflow, formatProblem, isError, loadWorkflowFile } from '#backend';
import { SwitchyardError } from '#shared';
import { defineCommand } from '../command.js';
import { printWarnings } from './workflow-warnings.js';

export const compileCommand = defineCommand({
  name: 'compile',
  summary: 'print the XState machine config of a workflow',
  usage: 'compile FILE',
  description: [
    'Compiles FILE to a plain-JSON XState v5 machine config (the start node is `initial`) and',
    'prints it on stdout, indented (one line with --json). An invalid workflow prints its',
    'problems on stderr and exits 2.',
  ].join('\n'),
  positionals: ['FILE'],
  options: {},
  schema: z.object({ file: z.string() }),
  async run({ out }, { file }) {
    const { workflow, warnings } = loadWorkflowFile(file);
    printWarnings(out, file, warnings);
    const { config, diagnostics } = compileWorkflow(workflow);
    if (config === undefined) {
      const errors = diagnostics.filter(isError);
      throw new SwitchyardError(
        'INVALID_WORKFLOW',
        `${file} does not compile (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'})`,
        errors.map((p) => formatProblem(file, p)),
      );
    }
    out.jsonValue(config);
    return 0;
  },
});
