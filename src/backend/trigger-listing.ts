import {
  describeClash,
  nextFireTime,
  planFires,
  webhookPathClashes,
  type FullRunStore,
  type SourcedWorkflow,
} from '#engine';
import { SwitchyardError, type RunStatus, type Trigger, type Workflow } from '#shared';
import { deployedTriggerWorkflows } from './trigger-set.js';

/** One trigger as `switchyard triggers` lists it. */
export interface TriggerListing {
  source: string;
  workflowId: string;
  trigger: Trigger;
  /** Schedules: the next fire time (ISO), as the store has it or as it would be from now; else null. */
  nextFireAt: string | null;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
}

/** Every trigger of `sourced` with its next fire time and last run in `store` (none without a store). */
export async function listTriggers(
  sourced: readonly SourcedWorkflow[],
  store: FullRunStore | undefined,
  now: number,
): Promise<TriggerListing[]> {
  const rows: TriggerListing[] = [];
  for (const { source, workflow } of sourced) {
    for (const trigger of workflow.triggers ?? []) {
      const [last] = (await store?.listRuns({ workflowId: workflow.id, trigger: trigger.id, limit: 1 })) ?? [];
      let nextFireAt: string | null = null;
      if (trigger.kind === 'schedule') {
        const state = await store?.scheduleState(workflow.id, trigger.id);
        const planned = planFires(trigger, state, now).next ?? nextFireTime(trigger, now);
        nextFireAt = planned === undefined ? null : new Date(planned).toISOString();
      }
      rows.push({
        source,
        workflowId: workflow.id,
        trigger,
        nextFireAt,
        lastRun: last === undefined ? null : { id: last.id, status: last.status, startedAt: last.startedAt },
      });
    }
  }
  return rows;
}

/**
 * Puts `workflow` in the store for the workers; TRIGGER_CONFLICT (nothing deployed) when one of
 * its webhook paths belongs to another deployed workflow, naming both.
 */
export async function deployWorkflow(
  store: FullRunStore,
  workflow: Workflow,
  source: string,
  now: number,
): Promise<void> {
  const others = (await deployedTriggerWorkflows(store)).filter((d) => d.workflow.id !== workflow.id);
  const [clash] = webhookPathClashes([...others, { source, workflow }]);
  if (clash !== undefined) throw new SwitchyardError('TRIGGER_CONFLICT', describeClash(clash));
  await store.deployWorkflow(workflow, new Date(now).toISOString());
}
