import type { Workflow } from '#shared';

/** A workflow as a workspace or store holds it: `source` names it for people (a file name, "deployed"). */
export interface SourcedWorkflow {
  source: string;
  workflow: Workflow;
}

/** Two webhook triggers of different workflows on one path (and method). */
export interface WebhookPathClash {
  path: string;
  first: { source: string; workflowId: string; triggerId: string };
  second: { source: string; workflowId: string; triggerId: string };
}

/** Every webhook path that more than one workflow uses (one trigger per path across the workspace). */
export function webhookPathClashes(workflows: readonly SourcedWorkflow[]): WebhookPathClash[] {
  const owners = new Map<string, WebhookPathClash['first']>();
  const clashes: WebhookPathClash[] = [];
  for (const { source, workflow } of workflows) {
    for (const trigger of workflow.triggers ?? []) {
      if (trigger.kind !== 'webhook') continue;
      const here = { source, workflowId: workflow.id, triggerId: trigger.id };
      const first = owners.get(trigger.path);
      // Two triggers of one document are that document's own problem (checkTriggers).
      if (first === undefined) owners.set(trigger.path, here);
      else if (first.source !== source) clashes.push({ path: trigger.path, first, second: here });
    }
  }
  return clashes;
}

/** The clash as one sentence naming both workflows. */
export function describeClash(clash: WebhookPathClash): string {
  const name = (side: WebhookPathClash['first']) =>
    `trigger ${side.triggerId} of ${side.source} (workflow ${side.workflowId})`;
  return `webhook path "${clash.path}" is used by ${name(clash.first)} and by ${name(clash.second)}; a path may start one workflow only`;
}
