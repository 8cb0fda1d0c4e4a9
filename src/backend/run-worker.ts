import type { Engine, Logger, RunOutcome, RunStore } from '#engine';
import { toErrorInfo } from '#shared';

export interface RunWorkerOptions {
  /** How many runs it drives at once. */
  concurrency: number;
  /** How often it looks for due runs when nothing wakes it (the fallback to `wakeups`). */
  pollMs: number;
  /**
   * The store's run changes (PostgreSQL LISTEN/NOTIFY: `RunStore.watchRuns`): a run that turns
   * `running` — new, or continued by an approval — wakes the worker at once. Without it, or when
   * subscribing fails, the worker polls.
   */
  watch?: RunStore['watchRuns'];
  /** Stop once nothing is due and nothing is being driven (batch jobs, tests). */
  untilIdle?: boolean;
  logger: Logger;
  /** Each run it drove, once that run ended or waits. */
  onOutcome?: (outcome: RunOutcome) => void;
}

/**
 * Claims runs that need driving — new, interrupted, timer due, input arrived — and drives
 * them, `concurrency` at a time, each under the engine's lease (renewed while it drives, so
 * that no other worker takes it; taken over by another once this one dies and it expires).
 * When `signal` aborts it claims no more, finishes the runs it holds, and resolves.
 *
 * @example
 * const stop = new AbortController();
 * process.once('SIGTERM', () => stop.abort());
 * await new RunWorker(host.engine, { concurrency: 4, pollMs: 1000, logger }).run(stop.signal);
 */
export class RunWorker {
  private readonly driving = new Map<string, Promise<void>>();
  /** Ends the current sleep; set only while sleeping. */
  private wakeSleeper: (() => void) | undefined;
  /** A wake-up that came while the worker was busy claiming: the next sleep is skipped. */
  private woken = false;
  /** Ends the store watch while there is one; undefined before, after and once it was lost. */
  private unwatch: (() => Promise<void>) | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly options: RunWorkerOptions,
  ) {}

  async run(signal: AbortSignal): Promise<void> {
    try {
      while (!signal.aborted) {
        // Watched again after a lost connection, at most once a poll.
        if (this.unwatch === undefined) await this.watch();
        const free = this.options.concurrency - this.driving.size;
        const claimed = free > 0 ? await this.claim(free) : 0;
        if (this.options.untilIdle && claimed === 0 && this.driving.size === 0) break;
        // A full batch: more runs may be due at once.
        if (claimed > 0 && claimed === free) continue;
        await this.sleep(signal);
      }
    } finally {
      const unwatch = this.unwatch;
      this.unwatch = undefined;
      await unwatch?.();
      await Promise.all(this.driving.values());
    }
  }

  private async watch(): Promise<void> {
    const { watch, logger } = this.options;
    if (watch === undefined) return;
    try {
      this.unwatch = await watch(
        (change) => {
          if (change.status === 'running') this.wake();
        },
        (err) => {
          logger.log(
            'warn',
            `the store's change notifications stopped, polling until they are back: ${toErrorInfo(err).message}`,
          );
          this.unwatch = undefined;
        },
      );
    } catch (err) {
      logger.log('warn', `watching the store failed, polling instead: ${toErrorInfo(err).message}`);
    }
  }

  /** Claims up to `limit` due runs and starts driving them; how many it claimed. */
  private async claim(limit: number): Promise<number> {
    let runIds: string[];
    try {
      runIds = await this.engine.claimDue(limit);
    } catch (err) {
      // An unreachable store is retried at the next poll; the worker keeps running.
      this.options.logger.log('error', `claiming due runs failed: ${toErrorInfo(err).message}`);
      return 0;
    }
    for (const runId of runIds) {
      const drive = this.engine
        .driveClaimed(runId)
        .then(
          (outcome) => this.options.onOutcome?.(outcome),
          (err: unknown) => this.options.logger.log('error', `run ${runId}: ${toErrorInfo(err).message}`),
        )
        .finally(() => {
          this.driving.delete(runId);
          this.wake();
        });
      this.driving.set(runId, drive);
    }
    return runIds.length;
  }

  private wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.woken = true;
  }

  /** Until woken (a notification, a run finished), the poll interval passed, or the signal aborted. */
  private sleep(signal: AbortSignal): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      signal.addEventListener('abort', done, { once: true });
      this.wakeSleeper = done;
    });
  }
}
