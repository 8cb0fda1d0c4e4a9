import type { RunStore } from '#engine';
import { SwitchyardError, type HistoryEvent, type RunRecord } from '#shared';

/** The run's summary row, or RUN_NOT_FOUND. */
export async function requireRun(store: RunStore, runId: string): Promise<RunRecord> {
  const run = await store.getRun(runId);
  if (!run) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
  return run;
}

/** Every event of the run, in seq order. */
export async function runHistory(store: RunStore, runId: string): Promise<HistoryEvent[]> {
  await requireRun(store, runId);
  return store.events(runId);
}
