import { ScheduleRunner, type FullRunStore, type Logger, type SourcedWorkflow, type TriggeredStart } from '#engine';
import { systemClock } from './system-clock.js';
import { activeTriggers, type ActiveTriggers } from './trigger-set.js';

export interface TriggerHostOptions {
  /** The workflows whose triggers this process activates (the workspace's, or the deployed ones). */
  load: () => Promise<SourcedWorkflow[]>;
  store: FullRunStore;
  start: TriggeredStart;
  logger: Logger;
  /** How often `load` is asked again, to pick up saved or deployed workflows (default 2000 ms). */
  reloadMs?: number;
  /** The longest the schedule loop sleeps (default 1000 ms). */
  pollMs?: number;
}

export interface TriggerHost {
  /** The triggers active now (webhooks by path). */
  current(): ActiveTriggers;
  /** Reads the workflows again now. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

const EMPTY: ActiveTriggers = { workflows: [], webhooks: new Map(), refused: [] };

/**
 * Activates triggers in a long-lived process (`serve`, `worker`): schedules fire from a
 * ScheduleRunner on the store, webhooks are looked up in `current()`; the set is reloaded every
 * `reloadMs`, so a saved or deployed workflow's triggers take effect without a restart.
 */
export async function startTriggerHost(options: TriggerHostOptions): Promise<TriggerHost> {
  const { logger } = options;
  const runner = new ScheduleRunner({
    store: options.store,
    clock: systemClock,
    start: options.start,
    logger,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  let active = EMPTY;
  let seen = '';
  const reload = async (): Promise<void> => {
    try {
      const sourced = await options.load();
      const text = JSON.stringify(sourced);
      if (text === seen) return;
      seen = text;
      active = activeTriggers(sourced, logger);
      runner.activate(active.workflows);
      const count = active.workflows.reduce((sum, wf) => sum + (wf.triggers?.length ?? 0), 0);
      logger.log('info', `triggers: ${count} active in ${active.workflows.length} workflows`);
    } catch (err) {
      logger.log('warn', `triggers: reading the workflows failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await reload();
  runner.start();
  const timer = setInterval(() => void reload(), options.reloadMs ?? 2000);
  timer.unref();
  return {
    current: () => active,
    reload,
    async stop() {
      clearInterval(timer);
      await runner.stop();
    },
  };
}
