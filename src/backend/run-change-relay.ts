import type { Logger, RunStore } from '#engine';
import { toErrorInfo } from '#shared';
import type { RunEventHub } from './run-event-hub.js';

/**
 * On a shared store other processes (workers) write the runs: when the store tells of a run's
 * status change, its newest event goes to this process's live views, which fetch any events
 * before it they have not seen (a view fills a gap from the history). Returns the stop function.
 */
export async function relayRunChanges(
  store: RunStore,
  events: RunEventHub,
  logger: Logger,
): Promise<(() => Promise<void>) | undefined> {
  if (store.watchRuns === undefined) return undefined;
  const relay = async (runId: string): Promise<void> => {
    const last = await store.lastSeq(runId);
    if (last === undefined || last === 0) return;
    events.publish(runId, await store.events(runId, last, last));
  };
  try {
    return await store.watchRuns((change) => {
      relay(change.runId).catch((err: unknown) =>
        logger.log('warn', `run ${change.runId}: relaying its events failed: ${toErrorInfo(err).message}`),
      );
    });
  } catch (err) {
    logger.log(
      'warn',
      `watching the store failed; live views show other processes' runs on reload: ${toErrorInfo(err).message}`,
    );
    return undefined;
  }
}
