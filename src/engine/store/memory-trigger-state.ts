import type { Workflow } from '#shared';
import type { DeployedWorkflow, ScheduleState } from './trigger-store.js';

/** The schedule states and deployed workflows of the memory store, as copies (no caller shares them). */
export class MemoryTriggerState {
  private readonly schedules = new Map<string, ScheduleState>();
  private readonly deployed = new Map<string, { document: string; deployedAt: string }>();

  scheduleState(workflowId: string, triggerId: string): ScheduleState | undefined {
    const found = this.schedules.get(key(workflowId, triggerId));
    return found === undefined ? undefined : { ...found };
  }

  putScheduleState(
    workflowId: string,
    triggerId: string,
    state: Omit<ScheduleState, 'version'>,
    expectedVersion: number,
  ): boolean {
    const at = key(workflowId, triggerId);
    if ((this.schedules.get(at)?.version ?? 0) !== expectedVersion) return false;
    const { signature, nextFireAt, pending } = state;
    this.schedules.set(at, { signature, nextFireAt, pending, version: expectedVersion + 1 });
    return true;
  }

  deploy(workflow: Workflow, deployedAt: string): void {
    this.deployed.set(workflow.id, { document: JSON.stringify(workflow), deployedAt });
  }

  undeploy(workflowId: string): boolean {
    return this.deployed.delete(workflowId);
  }

  list(decode: (text: string) => Workflow): DeployedWorkflow[] {
    return [...this.deployed.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => ({ workflow: decode(entry.document), deployedAt: entry.deployedAt }));
  }
}

function key(workflowId: string, triggerId: string): string {
  return JSON.stringify([workflowId, triggerId]);
}
