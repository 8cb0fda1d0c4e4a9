import type { Engine, IdGen, ResumeAllResult, RunOutcome, RunStore, StartOptions } from '#engine';
import type { ForkChanges, Workflow } from '#shared';
import { RunLocks, rootRunId } from './run-locks.js';
import { awaitOutcome } from './run-outcome-wait.js';

type Decision = Parameters<Engine['approve']>[2];

/**
 * The engine operations that move runs on, each under its run tree's lock, so that the
 * HTTP handlers and the timer scheduler never drive the same run twice at once.
 */
export class LockedEngine {
  private readonly locks = new RunLocks();

  constructor(
    private readonly engine: Engine,
    private readonly store: RunStore,
    private readonly ids: IdGen,
    /** A shared store whose workers drive runs (see Host.workersDrive): `start` records and waits. */
    private readonly workersDrive = false,
  ) {}

  /** A fresh id for a run about to start (so a caller can follow it before it exists). */
  nextRunId(): string {
    return this.ids.runId();
  }

  /** The run id is chosen here, so the new run is locked before its first event. */
  start(workflow: Workflow, input: unknown, options: StartOptions = {}): Promise<RunOutcome> {
    const runId = options.runId ?? this.ids.runId();
    if (!this.workersDrive)
      return this.locks.run(runId, () => this.engine.start(workflow, input, { ...options, runId }));
    const recorded = this.engine.start(workflow, input, { ...options, runId, detach: true });
    return options.detach === true
      ? recorded
      : recorded.then(() => awaitOutcome({ engine: this.engine, store: this.store }, runId));
  }

  resume(runId: string): Promise<RunOutcome> {
    return this.locked(runId, () => this.engine.resume(runId));
  }

  approve(runId: string, node: string, decision: Decision): Promise<RunOutcome> {
    return this.locked(runId, () => this.engine.approve(runId, node, decision));
  }

  signal(runId: string, event: string, data?: unknown): Promise<RunOutcome> {
    return this.locked(runId, () => this.engine.signal(runId, event, data));
  }

  cancel(runId: string, reason?: string): Promise<RunOutcome> {
    return this.locked(runId, () => this.engine.cancel(runId, reason));
  }

  fork(runId: string, seq: number, changes: ForkChanges = {}, newRunId?: string): Promise<RunOutcome> {
    const options = newRunId === undefined ? {} : { runId: newRunId };
    return this.locked(runId, () => this.engine.fork(runId, seq, changes, options));
  }

  /** Engine.resumeAll with each run resumed under the locks; runs another process drives are skipped. */
  resumeAll(): Promise<ResumeAllResult> {
    return this.engine.resumeAll((runId) => this.resume(runId));
  }

  /** Whether an operation on the run's tree is under way or queued. */
  async isBusy(runId: string): Promise<boolean> {
    return this.locks.isBusy(await rootRunId(this.store, runId));
  }

  /** Resolves once every operation has settled (before closing the store). */
  idle(): Promise<void> {
    return this.locks.idle();
  }

  private async locked<T>(runId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(await rootRunId(this.store, runId), work);
  }
}
