/**
 * The agreement check (history/agreement.test.ts): runs a workflow live to its end and checks
 * that the live fold, the state rebuilt from the store, the replay check and the active set
 * read off the log alone all agree.
 */
import { expect } from 'vitest';
import type { HistoryEvent, RunStatus, Workflow } from '#shared';
import { applyEvent, emptyFold, findActive, toRunState, type Disagreement, type RunFold } from '../history/run-fold.js';
import { replayCheck } from '../history/replay-check.js';
import { stateAt } from '../history/state-at.js';
import { findWorkflow, graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { workflowErrors } from '../model/validate-workflow.js';
import type { RunOutcome } from '../runtime/run-driver.js';
import { MemoryRunStore } from '../store/memory-run-store.js';
import { testEngine, type TestEngine } from './engine.test-support.js';
import { httpFailures, LONG_TIMEOUT_MS, type Rng } from './random-workflow.js';

/** External inputs (decisions, signals, clock jumps) a run may take before it counts as stuck. */
const MAX_INTERACTIONS = 200;

/** http nodes of generated workflows fail attempts 1..N of `…?fail=N` (a thrown error or a 503). */
async function fetchFake(url: string, init: RequestInit): Promise<Response> {
  const attempt = Number(init.headers?.['Switchyard-Attempt'] ?? '1');
  if (attempt <= httpFailures(url)) {
    if (attempt % 2 === 0) throw new Error('connection reset');
    return new Response('busy', { status: 503 });
  }
  return new Response(JSON.stringify({ name: 'Ada', url }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

/** `JSON.stringify(toRunState(fold))` without toRunState's deep copy (the string is the copy). */
function stateJson(fold: RunFold): string {
  const { seq, status, input, vars, steps } = fold;
  return JSON.stringify({ seq, status, active: fold.active.map((a) => a.node), context: { input, vars, steps } });
}

/**
 * The active set read off the log alone, without the machine:
 * - `node.entered` adds the node; `node.completed` and a final `node.failed` remove it;
 * - a join's `cancelled` list (the branches its block cut off, on the join's entry once its
 *   block is over, and again on its completion) removes those nodes;
 * - entering an `end` or `fail` node, or a compensation (`compensates`), leaves everything
 *   else: those are states at the machine's top level (DESIGN §2: reaching an end cancels
 *   whatever else is active; a failing run runs its compensations alone);
 * - `run.completed` / `run.failed` / `run.cancelled` remove everything.
 *
 * Inside one commit it may differ from the machine's: one macrostep leaves nodes (a block cut
 * off by its join, the other branches of a run that fails or reaches an end) at the outcome that
 * caused it, and the log says so at a later event of the same batch — the join's, the end's or
 * the compensation's entry, or the run's end. A commit is where the host acts on the log (and
 * where a crash leaves it), so at the last event of every batch the two must be equal.
 */
export function applyToLog(active: Set<string>, event: HistoryEvent): void {
  const node = event.node;
  const data = event.data ?? {};
  const cancelled = data['cancelled'];
  if (Array.isArray(cancelled)) for (const id of cancelled) active.delete(String(id));
  switch (event.type) {
    case 'node.entered':
      if (node === undefined) return;
      if (data['kind'] === 'end' || data['kind'] === 'fail' || typeof data['compensates'] === 'string') active.clear();
      active.add(node);
      return;
    case 'node.completed':
      if (node !== undefined) active.delete(node);
      return;
    case 'node.failed':
      if (node !== undefined && data['willRetry'] !== true) active.delete(node);
      return;
    case 'run.completed':
    case 'run.failed':
    case 'run.cancelled':
      active.clear();
      return;
    default:
      return;
  }
}

/** One run as the live engine announced it (`onEvents`): its fold and log-derived set after each seq. */
interface RunTrack {
  graph: WorkflowGraph;
  workflow: Workflow;
  fold: RunFold;
  /** stateJson after each seq (index seq - 1). */
  states: string[];
  log: Set<string>;
  disagreements: Disagreement[];
  /** Commits where the machine's active nodes and the log's differ. */
  mismatches: string[];
  /** The last seq of each announced batch: the commits. */
  commits: number[];
}

class Recorder {
  readonly runs = new Map<string, RunTrack>();

  constructor(private readonly workflow: Workflow) {}

  readonly onEvents = (runId: string, events: readonly HistoryEvent[]): void => {
    for (const event of events) {
      const track = this.track(runId, event);
      const problem = applyEvent(track.fold, event, track.graph);
      if (problem) track.disagreements.push(problem);
      track.states.push(stateJson(track.fold));
      applyToLog(track.log, event);
    }
    const track = this.runs.get(runId);
    const last = events[events.length - 1];
    if (!track || !last) return;
    track.commits.push(last.seq);
    const machine = [...toRunState(track.fold).active].sort();
    const log = [...track.log].sort();
    if (machine.join() !== log.join())
      track.mismatches.push(`after seq ${last.seq}: machine [${machine.join()}], log [${log.join()}]`);
  };

  private track(runId: string, event: HistoryEvent): RunTrack {
    let track = this.runs.get(runId);
    if (track) return track;
    // A run's first event names its workflow: this document or one of its subflows.
    const workflow =
      event.type === 'run.started' ? findWorkflow(this.workflow, String(event.data?.['workflowId'])) : undefined;
    if (!workflow) throw new Error(`events of ${runId} before its run.started`);
    track = {
      graph: graphOf(workflow),
      workflow,
      fold: emptyFold(runId),
      states: [],
      log: new Set(),
      disagreements: [],
      mismatches: [],
      commits: [],
    };
    this.runs.set(runId, track);
    return track;
  }
}

/**
 * A memory store that decodes each run's stored document once. The engine loads a run from
 * the store on every approval, signal and resume, and the check rebuilds states from it; each
 * load would decode, validate and compile the document again, which costs more than the whole
 * fold of a small run. Everything else (runs, events, checkpoints) reads back as stored.
 */
class DecodedOnceStore extends MemoryRunStore {
  private readonly docs = new Map<string, Promise<Workflow | undefined>>();

  override getWorkflow(runId: string): Promise<Workflow | undefined> {
    let doc = this.docs.get(runId);
    if (doc === undefined) this.docs.set(runId, (doc = super.getWorkflow(runId)));
    return doc;
  }
}

/** Moves a waiting run on: decides an approval, sends a signal, lets a long timer fall due, or cancels. */
async function interact(env: TestEngine, recorder: Recorder, outcome: RunOutcome, rng: Rng): Promise<RunOutcome> {
  const { engine, clock } = env;
  const { runId } = outcome;
  const waiting = rng.pick(outcome.waitingOn);
  const track = recorder.runs.get(runId);
  if (!track) throw new Error(`no events recorded for ${runId}`);
  if (rng.chance(0.03)) return engine.cancel(runId, 'the test gave up');
  const node = track.graph.hasNode(waiting.node) ? track.graph.node(waiting.node) : undefined;
  const timesOut = node?.timeoutMs !== undefined && node.timeoutMs >= LONG_TIMEOUT_MS && rng.chance(0.3);
  if (node?.kind === 'approval' && !timesOut) {
    const decided = findActive(track.fold, node.id)?.approvals ?? [];
    const by = (node.config.approvers ?? ['ana']).find((name) => !decided.some((a) => a.by === name)) ?? 'ana';
    return engine.approve(runId, node.id, { decision: rng.chance(0.7) ? 'approved' : 'rejected', by });
  }
  if (node?.kind === 'wait' && !timesOut)
    return engine.signal(runId, rng.pick(node.config.events), { n: rng.int(1, 9) });
  // Let the earliest timer fall due (a long approval/wait timeout, a retry or delay beyond the inline wait).
  const due = track.fold.active.flatMap((a) => {
    const at = a.dueAt ?? a.timeoutAt;
    return at === undefined ? [] : [Date.parse(at)];
  });
  clock.advance(Math.max(1, Math.min(...due, clock.now() + LONG_TIMEOUT_MS) - clock.now()));
  return engine.resume(runId);
}

export interface AgreementResult {
  status: RunStatus;
  /** The top-level run's history. */
  events: HistoryEvent[];
  /** The top-level run's live states, as JSON (index seq - 1). */
  states: string[];
}

/**
 * Runs `workflow` with `input` until it ends (deciding approvals, sending signals, letting
 * timers fall due or cancelling at random), then checks every run it made (child runs too):
 * (1) the state rebuilt from the store equals the live state at every seq, and `stateAt`
 * agrees; (2) the routing machine took every recorded event; (3) the replay check against
 * the same workflow is clean; (4) at every commit the machine's active nodes equal the
 * log-derived set (applyToLog). `label` names the case in every failure message.
 */
export async function checkAgreement(
  workflow: Workflow,
  input: unknown,
  rng: Rng,
  label: string,
  options: { verbose?: boolean } = {},
): Promise<AgreementResult> {
  expect(workflowErrors(workflow), `${label}: the workflow is valid`).toEqual([]);
  const recorder = new Recorder(workflow);
  const env = testEngine({
    fetch: fetchFake,
    onEvents: recorder.onEvents,
    // Thousands of clock jumps: a zero-delay timeout would wait 1 ms of real time for each.
    idle: (callback) => setImmediate(callback),
    store: (now) => new DecodedOnceStore({ now }),
  });
  let outcome = await env.engine.start(workflow, input);
  try {
    for (let i = 0; outcome.status === 'waiting'; i++) {
      const waiting = JSON.stringify(outcome.waitingOn);
      expect(i, `${label}: run ${outcome.runId} is stuck waiting on ${waiting}`).toBeLessThan(MAX_INTERACTIONS);
      expect(outcome.waitingOn.length, `${label}: run ${outcome.runId} waits on nothing`).toBeGreaterThan(0);
      outcome = await interact(env, recorder, outcome, rng);
    }
  } finally {
    if (options.verbose) await printRuns(workflow, input, env, recorder);
  }
  expect(['completed', 'failed', 'cancelled'], `${label}: the run ended`).toContain(outcome.status);
  let top: HistoryEvent[] = [];
  let states: string[] = [];
  for (const [runId, track] of recorder.runs) {
    const where = `${label}, run ${runId}`;
    const events = await env.store.events(runId);
    if (runId === outcome.runId) [top, states] = [events, track.states];
    expect(track.disagreements, `${where}: the machine refused recorded events`).toEqual([]);
    expect(track.states.length, `${where}: every stored event was announced`).toBe(events.length);
    // (1) stateAt(seq) folds the stored events 1..seq of the stored document (from a checkpoint
    // only past 1,000 events), so one fold of the stored events, in order, is every seq's rebuilt
    // state: compared with the live state at every seq. stateAt itself (quadratic when asked at
    // every seq) is asked at the end, at a commit and at a seq picked at random.
    const graph = graphOf((await env.store.getWorkflow(runId)) ?? track.workflow);
    const rebuilt = emptyFold(runId);
    let difference: string | undefined;
    for (const [i, event] of events.entries()) {
      applyEvent(rebuilt, event, graph);
      const state = stateJson(rebuilt);
      if (state !== track.states[i]) difference ??= `seq ${i + 1}: live ${track.states[i]}, rebuilt ${state}`;
    }
    expect(difference, `${where}: the state rebuilt from the store differs from the live one`).toBeUndefined();
    expect(stateJson(rebuilt), `${where}: stateJson is toRunState`).toBe(JSON.stringify(toRunState(rebuilt)));
    for (const seq of new Set([events.length, rng.pick(track.commits), rng.int(1, events.length)])) {
      const state = JSON.stringify(await stateAt(env.store, runId, seq));
      expect(state, `${where}: stateAt ${seq}`).toBe(track.states[seq - 1]);
    }
    const verdict = await replayCheck(events, track.workflow, runId);
    expect(verdict, `${where}: replay check`).toEqual({ clean: true, events: events.length });
    expect(track.mismatches, `${where}: machine vs log active nodes at commits`).toEqual([]);
    // The run's end is a commit too: nothing is active afterwards, by either account.
    if (runId === outcome.runId)
      expect([...track.fold.active, ...track.log], `${where}: active at the end`).toEqual([]);
  }
  return { status: outcome.status, events: top, states };
}

/** A case's workflow, input and histories, to minimise it (AGREEMENT_CASE). */
async function printRuns(workflow: Workflow, input: unknown, env: TestEngine, recorder: Recorder): Promise<void> {
  const lines = [JSON.stringify({ workflow, input })];
  for (const [runId, track] of recorder.runs) {
    for (const e of await env.store.events(runId))
      lines.push(`${runId} ${e.seq} ${e.type} ${e.node ?? ''} ${JSON.stringify(e.data ?? {})}`);
    lines.push(...track.mismatches);
  }
  console.log(lines.join('\n'));
}
