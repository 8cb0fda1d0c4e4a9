import { earliestTimer, foldAt, RunLeasedError, type Logger, type RunFold, type RunStore } from '#engine';
import { rootRunId } from './run-locks.js';

/** What the scheduler needs of the locked engine. */
export interface Resumer {
  resume(runId: string): Promise<unknown>;
  isBusy(runId: string): Promise<boolean>;
}

export interface TimerSchedulerOptions {
  store: RunStore;
  runs: Resumer;
  /** How often to look for due timers (default 250 ms). */
  intervalMs?: number;
  now?: () => number;
  logger?: Logger;
}

export interface TimerScheduler {
  /** One pass: resumes the waiting runs whose earliest timer is due. */
  tick(): Promise<void>;
  /** Stops ticking; resolves once the resumes it started have settled. */
  stop(): Promise<void>;
}

interface Known {
  seq: number;
  due: number | undefined;
  /** After a resume that changed nothing or failed: not before this time again. */
  notBefore: number;
  misses: number;
}

const MAX_BACKOFF_MS = 60_000;

/** Earliest delay, retry or approval/wait timeout of the run's active nodes (ms since the epoch). */
export function earliestDue(fold: RunFold): number | undefined {
  return earliestTimer(fold);
}

/**
 * Fires timers in a long-lived server: every tick it lists the waiting runs and resumes those
 * whose earliest timer has passed (Engine.resume fires due timers). The fold of a run is
 * recomputed only when its last seq changed, so an idle tick costs one query per waiting run.
 */
export function startTimerScheduler(options: TimerSchedulerOptions): TimerScheduler {
  const { store, runs, logger } = options;
  const now = options.now ?? (() => Date.now());
  const known = new Map<string, Known>();
  const inFlight = new Map<string, Promise<void>>();
  let ticking = false;
  let stopped = false;

  const track = async (runId: string): Promise<Known | undefined> => {
    const seq = await store.lastSeq(runId);
    if (seq === undefined) return undefined;
    const cached = known.get(runId);
    if (cached?.seq === seq) return cached;
    const fresh: Known = { seq, due: earliestDue(await foldAt(store, runId, seq)), notBefore: 0, misses: 0 };
    known.set(runId, fresh);
    return fresh;
  };

  const fire = (runId: string, entry: Known): void => {
    const done = runs
      .resume(runId)
      .catch((err: unknown) =>
        logger?.log(
          // Another process driving the run fires its timers itself.
          err instanceof RunLeasedError ? 'debug' : 'warn',
          `timer scheduler: resuming run ${runId} failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
      .then(async () => {
        // Nothing recorded means the timer could not fire (yet): back off instead of spinning.
        if ((await store.lastSeq(runId)) === entry.seq) {
          entry.misses += 1;
          entry.notBefore = now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (entry.misses - 1));
        }
      })
      .finally(() => inFlight.delete(runId));
    inFlight.set(runId, done);
  };

  const tick = async (): Promise<void> => {
    if (ticking || stopped) return;
    ticking = true;
    try {
      const waiting = (await store.listRuns({ status: 'waiting' })).filter((run) => !run.imported);
      const ids = new Set(waiting.map((run) => run.id));
      for (const id of known.keys()) if (!ids.has(id)) known.delete(id);
      const at = now();
      for (const run of waiting) {
        if (inFlight.has(run.id)) continue;
        const entry = await track(run.id);
        if (entry?.due === undefined || entry.due > at || entry.notBefore > at) continue;
        // A run tree being driven (or started, or interrupted) is someone else's to move on.
        const root = await store.getRun(await rootRunId(store, run.id));
        if ((await runs.isBusy(run.id)) || root?.status === 'running') continue;
        fire(run.id, entry);
      }
    } catch (err) {
      logger?.log('warn', `timer scheduler: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      ticking = false;
    }
  };

  const timer = setInterval(() => void tick(), options.intervalMs ?? 250);
  // The HTTP server keeps the process alive; the scheduler alone should not.
  timer.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inFlight.values());
    },
  };
}
