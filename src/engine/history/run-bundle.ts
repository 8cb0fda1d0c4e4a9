import { z } from 'zod';
import {
  RUN_BUNDLE_FORMAT,
  RunBundle,
  SwitchyardError,
  type HistoryEvent,
  TERMINAL_STATUSES,
  type RunRecord,
} from '#shared';
import { tryRouteMachineOf } from '../machine/route-machine.js';
import { graphOf } from '../model/workflow-graph.js';
import type { RunStore } from '../ports.js';
import { applyEvent, emptyFold, type RunFold } from './run-fold.js';

/** Writes a run's bundle: the workflow it ran, its summary and every event. */
export async function exportRunBundle(store: RunStore, runId: string): Promise<RunBundle> {
  const run = await store.getRun(runId);
  const workflow = await store.getWorkflow(runId);
  if (!run || !workflow) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
  const summary: RunBundle['run'] = { id: run.id, status: run.status, startedAt: run.startedAt };
  if (run.parentRun !== undefined && run.forkSeq !== undefined) {
    summary.parentRun = run.parentRun;
    summary.forkSeq = run.forkSeq;
  }
  if (run.endedAt !== undefined) summary.endedAt = run.endedAt;
  return { format: RUN_BUNDLE_FORMAT, workflow, run: summary, events: await store.events(runId) };
}

function formatOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'format' in value ? value.format : undefined;
}

/**
 * Checks a parsed bundle file: format, shape, a history numbered 1..N without gaps, and one its
 * workflow could have produced (verifyBundleHistory).
 */
export function parseRunBundle(value: unknown, source = 'bundle'): RunBundle {
  const format = formatOf(value);
  if (typeof format === 'string' && format.startsWith('switchyard/run-bundle@') && format !== RUN_BUNDLE_FORMAT) {
    throw new SwitchyardError(
      'BAD_BUNDLE',
      `${source}: format ${format} is newer than this program understands (it reads ${RUN_BUNDLE_FORMAT})`,
    );
  }
  if (format !== RUN_BUNDLE_FORMAT) {
    throw new SwitchyardError('BAD_BUNDLE', `${source}: not a run bundle (expected "format": "${RUN_BUNDLE_FORMAT}")`);
  }
  const parsed = RunBundle.safeParse(value);
  if (!parsed.success)
    throw new SwitchyardError('BAD_BUNDLE', `${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const bundle = parsed.data;
  bundle.events.forEach((event, i) => {
    if (event.seq !== i + 1)
      throw new SwitchyardError(
        'BAD_BUNDLE',
        `${source}: history has a gap: expected seq ${i + 1}, found ${event.seq}`,
      );
  });
  if (bundle.events[0]?.type !== 'run.started')
    throw new SwitchyardError('BAD_BUNDLE', `${source}: history must begin with run.started`);
  verifyBundleHistory(bundle, source);
  return bundle;
}

function badHistory(source: string, seq: number, reason: string): SwitchyardError {
  return new SwitchyardError('BAD_BUNDLE', `${source}: event ${seq}: ${reason}`);
}

/**
 * Replays a bundle's history through its workflow's machine and returns the fold; refuses
 * (BAD_BUNDLE, naming the seq) a history the workflow could not have produced, an event after
 * the run ended, and a run status that disagrees with the history's end.
 */
export function verifyBundleHistory(bundle: RunBundle, source = 'bundle'): RunFold {
  const { run, workflow, events } = bundle;
  const graph = graphOf(workflow);
  const machine = tryRouteMachineOf(graph);
  if (machine instanceof SwitchyardError) throw new SwitchyardError('BAD_BUNDLE', `${source}: ${machine.message}`);
  const fold = emptyFold(run.id);
  let ended: HistoryEvent | undefined;
  for (const event of events) {
    if (ended !== undefined)
      throw badHistory(source, event.seq, `${event.type} after the run ended (${ended.type} at event ${ended.seq})`);
    if (event.node !== undefined && !graph.hasNode(event.node))
      throw badHistory(source, event.seq, `${event.type} names node ${event.node}, which the workflow does not have`);
    const disagreement = applyEvent(fold, event, graph);
    if (disagreement !== undefined) throw badHistory(source, disagreement.seq, disagreement.message);
    if (TERMINAL_STATUSES.has(fold.status)) ended = event;
  }
  // The fold's status is the history's: its end event's, or running/waiting when it has none.
  if (ended !== undefined ? run.status !== fold.status : TERMINAL_STATUSES.has(run.status)) {
    const end = ended === undefined ? 'does not end' : `ends with ${ended.type}`;
    throw new SwitchyardError('BAD_BUNDLE', `${source}: the run's status is ${run.status}, but its history ${end}`);
  }
  return fold;
}

/**
 * Stores a bundle's run as read-only history. Importing the same bundle again is a no-op;
 * a different run under the same id is refused.
 */
export async function importRunBundle(
  store: RunStore,
  bundle: RunBundle,
): Promise<{ runId: string; alreadyImported: boolean }> {
  const { run, workflow, events } = bundle;
  const existing = await store.getRun(run.id);
  if (existing) {
    const same = JSON.stringify(await store.events(run.id)) === JSON.stringify(events);
    if (same) return { runId: run.id, alreadyImported: true };
    throw new SwitchyardError('CONFLICT', `a different run with id ${run.id} already exists in this store`);
  }
  const fold = verifyBundleHistory(bundle, `run bundle ${run.id}`);
  const record: RunRecord = {
    id: run.id,
    workflowId: workflow.id,
    version: workflow.version,
    status: run.status,
    input: fold.input,
    startedAt: run.startedAt,
    imported: true,
  };
  if (fold.output !== undefined) record.output = fold.output;
  if (fold.error !== undefined) record.error = fold.error;
  if (run.parentRun !== undefined) record.parentRun = run.parentRun;
  if (run.forkSeq !== undefined) record.forkSeq = run.forkSeq;
  if (run.endedAt !== undefined) record.endedAt = run.endedAt;
  await store.importRun(record, workflow, events);
  return { runId: run.id, alreadyImported: false };
}
