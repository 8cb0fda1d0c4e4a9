import { SwitchyardError, type RunTrigger, type ScheduleTrigger, type Workflow } from '#shared';
import type { Clock, Logger, RunStore } from '../ports.js';
import type { ScheduleState, TriggerStore } from '../store/trigger-store.js';
import { planFires, scheduleSignature } from './fire-plan.js';
import { scheduleInput } from './trigger-input.js';

/**
 * Starts a triggered run and resolves once it is recorded (not when it ends). Rejects with
 * CONFLICT when the store already holds a run for this trigger key (another process started it).
 */
export type TriggeredStart = (workflow: Workflow, trigger: RunTrigger, input: unknown) => Promise<unknown>;

export interface ScheduleRunnerOptions {
  store: RunStore & TriggerStore;
  clock: Clock;
  start: TriggeredStart;
  logger?: Logger;
  /** The longest a running loop sleeps before it looks again (queued fires, other processes); default 1000 ms. */
  pollMs?: number;
}

/** How often a scheduler that lost a compare-and-set race re-reads the state in one look. */
const CAS_ATTEMPTS = 5;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Fires the schedule triggers of a set of workflows, durably and exactly once per fire time,
 * however many processes run one on the same store: each fire's run is unique per (workflow,
 * trigger, fire time) in the store, and the next fire time moves compare-and-set.
 *
 * @example
 * const runner = new ScheduleRunner({ store, clock, start: (wf, trigger, input) => engine.start(wf, input, { trigger, detach: true }) });
 * runner.activate([workflow]);
 * await runner.tick();
 */
export class ScheduleRunner {
  private schedules: { workflow: Workflow; trigger: ScheduleTrigger }[] = [];
  private stopped = false;
  private wake: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: ScheduleRunnerOptions) {}

  /** Replaces the workflows whose schedules fire (the workspace changed, a deploy). */
  activate(workflows: readonly Workflow[]): void {
    this.schedules = workflows.flatMap((workflow) =>
      (workflow.triggers ?? []).flatMap((trigger) => (trigger.kind === 'schedule' ? [{ workflow, trigger }] : [])),
    );
    this.wake?.abort();
  }

  /** One look at every schedule: starts the fires due now. */
  async tick(): Promise<void> {
    const now = this.options.clock.now();
    for (const { workflow, trigger } of this.schedules) {
      try {
        await this.look(workflow, trigger, now);
      } catch (err) {
        this.options.logger?.log(
          'warn',
          `schedule ${trigger.id} of workflow ${workflow.id}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  /** Ticks until `stop`, sleeping until the next fire time (at most pollMs). */
  start(): void {
    this.loop ??= (async () => {
      while (!this.stopped) {
        await this.tick();
        if (this.stopped) break;
        this.wake = new AbortController();
        await this.options.clock.sleep(await this.sleepMs(), this.wake.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.abort();
    await this.loop;
  }

  private async sleepMs(): Promise<number> {
    const poll = this.options.pollMs ?? 1000;
    const now = this.options.clock.now();
    let soonest = poll;
    for (const { workflow, trigger } of this.schedules) {
      const next = (await this.options.store.scheduleState(workflow.id, trigger.id))?.nextFireAt;
      if (next !== null && next !== undefined) soonest = Math.min(soonest, Math.max(0, Date.parse(next) - now));
    }
    return soonest;
  }

  private async look(workflow: Workflow, trigger: ScheduleTrigger, now: number): Promise<void> {
    const { store } = this.options;
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const state = await store.scheduleState(workflow.id, trigger.id);
      const plan = planFires(trigger, state, now);
      let held: number | undefined;
      for (const fire of plan.fires) {
        held = await this.fire(workflow, trigger, fire);
        if (held !== undefined) break;
      }
      const next: Omit<ScheduleState, 'version'> =
        held === undefined
          ? {
              signature: scheduleSignature(trigger),
              nextFireAt: plan.next === null ? null : iso(plan.next),
              pending: false,
            }
          : { signature: scheduleSignature(trigger), nextFireAt: iso(held), pending: true };
      if (state !== undefined && sameState(state, next)) return;
      if (!(await store.putScheduleState(workflow.id, trigger.id, next, state?.version ?? 0))) continue;
      // A new (or changed) schedule counts from now: a fire due at this very moment starts at once.
      if (state !== undefined && state.signature === next.signature) return;
    }
  }

  /** Starts the fire unless its overlap policy says otherwise; returns it when it must wait (queue). */
  private async fire(workflow: Workflow, trigger: ScheduleTrigger, fire: number): Promise<number | undefined> {
    const { store, logger } = this.options;
    const fireTime = iso(fire);
    if ((await store.triggeredRun(workflow.id, trigger.id, fireTime)) !== undefined) return undefined;
    const overlap = trigger.overlap ?? 'skip';
    if (overlap !== 'allow') {
      const active = await activeRun(store, workflow.id, trigger.id);
      if (active !== undefined && overlap === 'queue') return fire;
      if (active !== undefined) {
        logger?.log(
          'info',
          `schedule ${trigger.id} of ${workflow.id}: skipped the fire at ${fireTime}; run ${active} is still active`,
        );
        return undefined;
      }
    }
    try {
      const input = await scheduleInput(trigger, fire);
      await this.options.start(workflow, { id: trigger.id, kind: 'schedule', fireTime }, input);
    } catch (err) {
      // CONFLICT: another process started this fire first, which is exactly once as well.
      if (err instanceof SwitchyardError && err.code === 'CONFLICT') return undefined;
      logger?.log(
        'error',
        `schedule ${trigger.id} of ${workflow.id}: the fire at ${fireTime} started no run: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return undefined;
  }
}

/** The id of a run of the trigger that is still running or waiting, if any. */
export async function activeRun(store: RunStore, workflowId: string, triggerId: string): Promise<string | undefined> {
  for (const status of ['running', 'waiting'] as const) {
    const [run] = await store.listRuns({ workflowId, trigger: triggerId, status, limit: 1 });
    if (run !== undefined) return run.id;
  }
  return undefined;
}

function sameState(a: ScheduleState, b: Omit<ScheduleState, 'version'>): boolean {
  return a.signature === b.signature && a.nextFireAt === b.nextFireAt && a.pending === b.pending;
}
