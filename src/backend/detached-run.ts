import type { Logger, RunOutcome } from '#engine';
import type { RunEventHub } from './run-event-hub.js';

type Settled = { outcome: RunOutcome } | { error: unknown };

/**
 * Starts `work` (which creates run `runId`) and answers as soon as the run's first events
 * are committed, or when it settles if that comes first (a quick run, or a refusal such as
 * INVALID_INPUT before the run exists). The rest of the run goes on in the background; its
 * events reach live views through the hub.
 */
export async function runDetached(
  events: RunEventHub,
  runId: string,
  work: () => Promise<RunOutcome>,
  logger?: Logger,
): Promise<RunOutcome> {
  let unsubscribe: () => void = () => undefined;
  const started = new Promise<'started'>((resolve) => {
    unsubscribe = events.subscribe((message) => {
      if (message.runId === runId) resolve('started');
    });
  });
  const settled: Promise<Settled> = work().then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error }),
  );
  try {
    const first = await Promise.race([settled, started]);
    if (first !== 'started') {
      if ('error' in first) throw first.error;
      return first.outcome;
    }
  } finally {
    unsubscribe();
  }
  void settled.then((result) => {
    if ('error' in result) {
      const message = result.error instanceof Error ? result.error.message : String(result.error);
      logger?.log('error', `run ${runId} stopped in the background: ${message}`);
    }
  });
  return { runId, status: 'running', output: null, error: null, waitingOn: [] };
}
