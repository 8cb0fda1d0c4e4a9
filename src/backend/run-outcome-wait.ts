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
): Promise<RunOutcome> {
  let wake = (): void => undefined;
  const stopWatching = await host.store
    .watchRuns?.((change) => {
      if (change.runId === runId && change.status !== 'running') wake();
    })
    .catch(() => undefined);
  try {
    for (;;) {
      const run = await host.store.getRun(runId);
      if (run !== undefined && run.status !== 'running') return await host.engine.outcomeOf(runId);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    await stopWatching?.();
  }
}
