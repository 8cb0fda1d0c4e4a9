import type { Problem } from '#engine';

/** The problems of one field of a trigger (`cron`, `auth.secret`; `''` for the trigger as a whole). */
export type TriggerProblems = (field: string) => readonly Problem[];

/** Whether a problem is about a trigger (`triggers[2].cron`), so the Triggers section shows it, not the workflow's list. */
export function isTriggerProblem(problem: Problem): boolean {
  return problem.field?.startsWith('triggers[') === true;
}

/**
 * The problems of `triggers[index]` by field, with the field prefix taken off their message:
 * schema issues say `triggers[0].path: …`, the trigger rules `cron: …`, and the form shows
 * them under the field already.
 */
export function triggerProblems(problems: readonly Problem[], index: number): TriggerProblems {
  const prefix = `triggers[${index}]`;
  const byField = new Map<string, Problem[]>();
  for (const problem of problems) {
    const field = problem.field;
    if (field === undefined || (field !== prefix && !field.startsWith(`${prefix}.`))) continue;
    const local = field.slice(prefix.length + 1);
    const message = withoutPrefix(withoutPrefix(problem.message, `${field}: `), `${local}: `);
    byField.set(local, [...(byField.get(local) ?? []), { ...problem, field: local, message }]);
  }
  return (field) => byField.get(field) ?? [];
}

function withoutPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
