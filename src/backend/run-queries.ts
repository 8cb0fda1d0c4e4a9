import type { RunStore } from '#engine';
import { SwitchyardError, type HistoryEvent, type RunRecord } from '#shared';

/** The run's summary row, or RUN_NOT_FOUND. */
export function requireRun(store: RunStore, runId: string): RunRecord {
  const run = store.getRun(runId);
  if (!run) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
  return run;
}

/** Every event of the run, in seq order. */
export function runHistory(store: RunStore, runId: string): HistoryEvent[] {
  requireRun(store, runId);
  return store.events(runId);
}
