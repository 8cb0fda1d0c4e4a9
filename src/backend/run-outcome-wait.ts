import type { Engine, RunOutcome, RunStore } from '#engine';

/**
 * Waits until a run that other processes drive (workers on a shared store) has ended or waits,
 * and returns its outcome. Woken by the store's run changes where it has them (PostgreSQL
 * LISTEN/NOTIFY); it also looks every `pollMs`, so a lost notification only delays it.
 */
export async function awaitOutcome(
  host: { engine: Engine; store: RunStore },
  runId: string,
  pollMs = 500,
  signal?: AbortSignal,
): Promise<RunOutcome> {
  let wake = (): void => undefined;
  const stopWatching = await host.store
    .watchRuns?.((change) => {
      if (change.runId === runId && change.status !== 'running') wake();
    })
    .catch(() => undefined);
  try {
    for (;;) {
      if (signal?.aborted === true) throw signal.reason;
      const run = await host.store.getRun(runId);
      if (run !== undefined && run.status !== 'running') return await host.engine.outcomeOf(runId);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  } finally {
    await stopWatching?.();
  }
}

/** The outcome once the run ended or waits, or undefined when `timeoutMs` passed first. */
export async function awaitOutcomeWithin(
  host: { engine: Engine; store: RunStore },
  runId: string,
  timeoutMs: number,
): Promise<RunOutcome | undefined> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error('timed out')), timeoutMs);
  try {
    return await awaitOutcome(host, runId, 100, stop.signal);
  } catch (err) {
    if (stop.signal.aborted) return undefined;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
