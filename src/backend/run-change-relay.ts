import type { Logger, RunStore } from '#engine';
import { TERMINAL_EVENT_TYPES, toErrorInfo } from '#shared';
import type { RunEventHub } from './run-event-hub.js';

/** Runs whose last relayed seq is remembered (the oldest are forgotten first; a view fills any gap itself). */
const TRACKED_RUNS = 10_000;
/** Of a run not relayed before, at most this many of its newest events are relayed. */
const FIRST_RELAY_EVENTS = 100;

/**
 * On a shared store other processes (workers) write the runs: when the store tells of events
 * appended to a run (or, without that, of its status change), the events since the last ones
 * relayed go to this process's live views; a view fills any other gap from the history.
 * Returns the stop function.
 */
export async function relayRunChanges(
  store: RunStore,
  events: RunEventHub,
  logger: Logger,
): Promise<(() => Promise<void>) | undefined> {
  const relayed = new Map<string, number>();
  const relay = async (runId: string, lastSeq?: number): Promise<void> => {
    const last = lastSeq ?? (await store.lastSeq(runId));
    if (last === undefined || last === 0) return;
    const from = Math.max(1, (relayed.get(runId) ?? last - FIRST_RELAY_EVENTS) + 1);
    if (from > last) return;
    relayed.delete(runId);
    relayed.set(runId, last);
    if (relayed.size > TRACKED_RUNS) relayed.delete(relayed.keys().next().value ?? runId);
    const batch = await store.events(runId, from, last);
    if (batch.some((event) => TERMINAL_EVENT_TYPES.has(event.type))) relayed.delete(runId);
    events.publish(runId, batch);
  };
  const relaySafely = (runId: string, lastSeq?: number): void => {
    relay(runId, lastSeq).catch((err: unknown) =>
      logger.log('warn', `run ${runId}: relaying its events failed: ${toErrorInfo(err).message}`),
    );
  };
  try {
    if (store.watchAppends !== undefined) return await store.watchAppends((a) => relaySafely(a.runId, a.lastSeq));
    if (store.watchRuns !== undefined) return await store.watchRuns((change) => relaySafely(change.runId));
    return undefined;
  } catch (err) {
    logger.log(
      'warn',
      `watching the store failed; live views show other processes' runs on reload: ${toErrorInfo(err).message}`,
    );
    return undefined;
  }
}
