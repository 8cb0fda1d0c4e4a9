import { foldEvents, toRunState, type RunStore } from '#engine';
import { SwitchyardError, type HistoryEvent, type RunRecord, type RunState } from '#shared';

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

/**
 * The state after event `seq`, rebuilt by folding events 1..seq (time travel, DESIGN §4).
 * Seq 0 is the state before the first event.
 */
export function runStateAt(store: RunStore, runId: string, seq: number): RunState {
  requireRun(store, runId);
  const last = store.events(runId).at(-1)?.seq ?? 0;
  if (!Number.isInteger(seq) || seq < 0 || seq > last) {
    const range = last === 0 ? 'no events' : `events 1..${last}`;
    throw new SwitchyardError('BAD_SEQ', `seq ${seq} is out of range: run ${runId} has ${range}`);
  }
  const events = seq === 0 ? [] : store.events(runId, 1, seq);
  return toRunState(foldEvents(runId, events));
}
