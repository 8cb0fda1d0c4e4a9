import { describeClash, webhookPathClashes, type FullRunStore, type Logger, type SourcedWorkflow } from '#engine';
import type { WebhookTrigger, Workflow } from '#shared';
import { loadCatalog } from './workflow-catalog.js';
import { checkWorkflow } from './workflow-check.js';
import type { Workspace } from './workspace.js';

/** A webhook as `serve` answers it. */
export interface WebhookRoute {
  source: string;
  workflow: Workflow;
  trigger: WebhookTrigger;
}

/** The triggers a process activates: every workflow that has one, and the webhooks by path. */
export interface ActiveTriggers {
  workflows: Workflow[];
  webhooks: ReadonlyMap<string, WebhookRoute>;
  /** Why a trigger was not activated (a webhook path taken by another workflow), one line each. */
  refused: string[];
}

/** The valid workflows of the workspace that have triggers; invalid files are the designer's to report. */
export async function workspaceTriggerWorkflows(workspace: Workspace): Promise<SourcedWorkflow[]> {
  const catalog = await loadCatalog(workspace);
  const found: SourcedWorkflow[] = [];
  for (const entry of [...catalog.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    if (!Array.isArray(entry.value['triggers']) || entry.value['triggers'].length === 0) continue;
    const checked = await checkWorkflow(entry.value, async () => catalog);
    if (checked.ok) found.push({ source: entry.file, workflow: checked.workflow });
  }
  return found;
}

/** The workflows `switchyard deploy` put in the store. */
export async function deployedTriggerWorkflows(store: FullRunStore): Promise<SourcedWorkflow[]> {
  return (await store.deployedWorkflows()).map(({ workflow }) => ({ source: `deployed ${workflow.id}`, workflow }));
}

/**
 * Activates the triggers of `sourced`: a webhook path that a workflow earlier in the list already
 * has is refused (both named, logged as an error); its schedules still fire.
 */
export function activeTriggers(sourced: readonly SourcedWorkflow[], logger?: Logger): ActiveTriggers {
  const refused = webhookPathClashes(sourced).map((clash) => {
    const line = `refused ${describeClash(clash)}`;
    logger?.log('error', line);
    return { line, source: clash.second.source, path: clash.path };
  });
  const webhooks = new Map<string, WebhookRoute>();
  for (const { source, workflow } of sourced) {
    for (const trigger of workflow.triggers ?? []) {
      if (trigger.kind !== 'webhook' || webhooks.has(trigger.path)) continue;
      if (refused.some((r) => r.source === source && r.path === trigger.path)) continue;
      webhooks.set(trigger.path, { source, workflow, trigger });
    }
  }
  return { workflows: sourced.map((s) => s.workflow), webhooks, refused: refused.map((r) => r.line) };
}
