import { z } from 'zod';
import { formatProblem, isError, parseWorkflowFile } from '#backend';
import { defineCommand } from '../command.js';

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check a workflow file',
  usage: 'validate FILE',
  description: [
    'Parses and checks FILE against workflow format 1. Prints one line per problem on stdout',
    '(`FILE: node ID: message`) and exits 2 when there is any; warnings go to stderr as',
    '`FILE: warning: node ID: message` and do not change the exit code (0 when valid).',
    'With --json: {"valid": bool, "problems": [...]} (warnings included).',
  ].join('\n'),
  positionals: ['FILE'],
  options: {},
  schema: z.object({ file: z.string() }),
  async run({ out }, { file }) {
    const result = parseWorkflowFile(file);
    out.result({ valid: result.ok, problems: result.problems }, () => {
      for (const p of result.problems) if (!isError(p)) out.note(formatProblem(`${file}: warning`, p));
      for (const p of result.problems) if (isError(p)) out.line(formatProblem(file, p));
      if (result.ok) out.line(`${file}: valid (workflow ${result.workflow.id}, version ${result.workflow.version})`);
    });
    return result.ok ? 0 : 2;
  },
});
