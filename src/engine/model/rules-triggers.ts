import type { Trigger, Workflow } from '#shared';
import { checkExpression } from '../expr/index.js';
import { scheduleProblems } from '../triggers/schedule-times.js';
import type { Problem } from './problem.js';

/** Each trigger's index in `triggers`, for the `field` path of its problems. */
function problemAt(trigger: Trigger, index: number, code: string, field: string, message: string): Problem {
  return {
    severity: 'error',
    code,
    trigger: trigger.id,
    field: `triggers[${index}]${field === '' ? '' : `.${field}`}`,
    message: field === '' ? message : `${field}: ${message}`,
  };
}

/**
 * Triggers: unique ids and webhook paths, a cron expression croner can read in a known IANA
 * zone, and an input expression that parses. A path used by another workflow of the workspace
 * is the workspace's check (see `webhookPathClashes`).
 */
export function checkTriggers(doc: Workflow): Problem[] {
  const triggers = doc.triggers ?? [];
  const problems: Problem[] = [];
  const ids = new Map<string, number>();
  const paths = new Map<string, string>();
  triggers.forEach((trigger, index) => {
    const seen = ids.get(trigger.id);
    if (seen !== undefined)
      problems.push(
        problemAt(
          trigger,
          index,
          'DUPLICATE_TRIGGER',
          '',
          `id also used by triggers[${seen}]; trigger ids must be unique`,
        ),
      );
    else ids.set(trigger.id, index);
    if (trigger.kind === 'webhook') {
      const other = paths.get(trigger.path);
      if (other !== undefined)
        problems.push(
          problemAt(
            trigger,
            index,
            'DUPLICATE_WEBHOOK_PATH',
            'path',
            `"${trigger.path}" is also the path of trigger ${other}`,
          ),
        );
      else paths.set(trigger.path, trigger.id);
      return;
    }
    for (const { field, message } of scheduleProblems(trigger))
      problems.push(problemAt(trigger, index, 'BAD_TRIGGER', field, message));
    if (trigger.input !== undefined) {
      const result = checkExpression(trigger.input);
      if (!result.ok) problems.push(problemAt(trigger, index, 'BAD_EXPRESSION', 'input', result.message));
    }
  });
  return problems;
}
