import type { RunStore } from '#engine';

/**
 * One engine operation at a time per run tree. Two drivers on the same run would both
 * append the next seq; the store would refuse the second, but only after its work ran.
 * Keys are top-level run ids (see rootRunId): a child run moves its parent on too.
 */
export class RunLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier call for `key` has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  isBusy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Resolves once no operation is under way or queued. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}

/** The top-level run whose tree `runId` belongs to: subflow/forEach children lead to their parent; forks stand alone. */
export async function rootRunId(store: Pick<RunStore, 'getRun'>, runId: string): Promise<string> {
  let id = runId;
  const seen = new Set<string>();
  for (
    let run = await store.getRun(id);
    run?.parentRun !== undefined && run.parentNode !== undefined && !seen.has(run.id);
  ) {
    seen.add(run.id);
    id = run.parentRun;
    run = await store.getRun(id);
  }
  return id;
}
