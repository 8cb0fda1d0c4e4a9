import type { RunRecord, Workflow } from '#shared';

/**
 * A schedule trigger's durable state, shared by every process on the store: the next fire time
 * they agreed on. Written compare-and-set on `version`, so racing schedulers move it once.
 */
export interface ScheduleState {
  /** The cron and time zone the state was computed for; a changed schedule starts afresh. */
  signature: string;
  /** ISO time of the next fire, or null when the schedule has none left. */
  nextFireAt: string | null;
  /** `overlap: 'queue'`: nextFireAt came due and waits for the trigger's active run to end. */
  pending: boolean;
  /** 1 for the first write, then one more for each. */
  version: number;
}

/** A workflow `switchyard deploy` put in the store: workers activate its triggers. */
export interface DeployedWorkflow {
  workflow: Workflow;
  deployedAt: string;
}

/** What triggers keep in the run store (the project's stores implement it with their runs). */
export interface TriggerStore {
  scheduleState(workflowId: string, triggerId: string): Promise<ScheduleState | undefined>;
  /**
   * Writes `state` (its version is ignored; the stored one becomes `expectedVersion + 1`) when the
   * stored version still is `expectedVersion` (0: no state yet). False when another writer won.
   */
  putScheduleState(
    workflowId: string,
    triggerId: string,
    state: Omit<ScheduleState, 'version'>,
    expectedVersion: number,
  ): Promise<boolean>;
  /** The live run (not imported) trigger `triggerId` started for `key` (see runTriggerKey). */
  triggeredRun(workflowId: string, triggerId: string, key: string): Promise<RunRecord | undefined>;
  /** Adds the workflow, or replaces the one deployed with its id. */
  deployWorkflow(workflow: Workflow, deployedAt: string): Promise<void>;
  /** False when no workflow with that id was deployed. */
  undeployWorkflow(workflowId: string): Promise<boolean>;
  /** Every deployed workflow, by id. */
  deployedWorkflows(): Promise<DeployedWorkflow[]>;
}
