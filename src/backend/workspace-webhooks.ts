import { z } from 'zod';
import type { Problem } from '#engine';
import { Trigger, type Workflow } from '#shared';
import type { Catalog } from './workflow-catalog.js';

const Triggers = z.object({ triggers: z.array(z.unknown()).optional() });

/** The webhook paths of a workspace document, read leniently (a broken file has its own problems). */
function webhookPaths(value: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  for (const item of Triggers.safeParse(value).data?.triggers ?? []) {
    const trigger = Trigger.safeParse(item);
    if (trigger.success && trigger.data.kind === 'webhook') paths.set(trigger.data.path, trigger.data.id);
  }
  return paths;
}

/** A webhook path of `workflow` that another workflow of the workspace uses too, naming both. */
export function webhookPathProblems(workflow: Workflow, catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  (workflow.triggers ?? []).forEach((trigger, index) => {
    if (trigger.kind !== 'webhook') return;
    for (const [id, entry] of catalog) {
      if (id === workflow.id) continue;
      const other = webhookPaths(entry.value).get(trigger.path);
      if (other === undefined) continue;
      problems.push({
        severity: 'error',
        code: 'DUPLICATE_WEBHOOK_PATH',
        trigger: trigger.id,
        field: `triggers[${index}].path`,
        message: `path: "${trigger.path}" is also the path of trigger ${other} of ${entry.file} (workflow ${id}); a webhook path starts one workflow only`,
      });
    }
  });
  return problems;
}
