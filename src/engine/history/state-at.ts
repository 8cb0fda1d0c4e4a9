import { SwitchyardError, type RunState } from '#shared';
import { graphOfStored } from '../model/workflow-graph.js';
import type { RunStore } from '../ports.js';
import { applyEvent, foldEvents, isRunFold, toRunState, type RunFold } from './run-fold.js';

/** How often (in events) the engine stores a snapshot of the fold. */
export const CHECKPOINT_EVERY = 1000;

/**
 * The engine's full fold after event `seq`, rebuilt from the nearest checkpoint plus the
 * events after it. No task runs: everything comes from the log.
 */
export async function foldAt(store: RunStore, runId: string, seq: number): Promise<RunFold> {
  const run = await store.getRun(runId);
  if (!run) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
  const last = (await store.lastSeq(runId)) ?? 0;
  if (!Number.isInteger(seq) || seq < 0 || seq > last) {
    throw new SwitchyardError('BAD_SEQ', `seq ${seq} is out of range: run ${runId} has events 1..${last}`);
  }
  const workflow = await store.getWorkflow(runId);
  if (!workflow) throw new SwitchyardError('STORE_FAILED', `run ${runId} has no stored workflow document`);
  const graph = graphOfStored(workflow);
  const checkpoint = await store.getCheckpoint?.(runId, seq);
  const base = checkpoint && isRunFold(checkpoint.state) ? checkpoint.state : undefined;
  const from = base ? base.seq + 1 : 1;
  const events = from <= seq ? await store.events(runId, from, seq) : [];
  if (!base) return foldEvents(runId, events, graph);
  // The store decoded this checkpoint for us alone: fold onto it in place. Copying it first
  // (as foldEvents does with a state it is lent) costs more than the whole fold on long runs.
  for (const event of events) applyEvent(base, event, graph);
  return base;
}

/** The public state of DESIGN §4 after event `seq`. */
export async function stateAt(store: RunStore, runId: string, seq: number): Promise<RunState> {
  return toRunState(await foldAt(store, runId, seq));
}
