import type { z } from 'zod';
import { SwitchyardError } from '#shared';

function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  return text;
}

/** One zod issue as `field.path: problem`; `root` names the value itself when the path is empty. */
export function issueText(issue: z.core.$ZodIssue, root = 'params'): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${pathText(issue.path)}: ` : '';
    return `${where}unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return `${issue.path.length > 0 ? pathText(issue.path) : root}: ${issue.message}`;
}

/** BAD_USAGE naming the method and every offending field, e.g. `startRun: maxSteps: expected an integer`. */
export function badParams(method: string, error: z.ZodError): SwitchyardError {
  const lines = error.issues.map((issue) => issueText(issue));
  return new SwitchyardError('BAD_USAGE', `${method}: ${lines.join('; ')}`, lines);
}
