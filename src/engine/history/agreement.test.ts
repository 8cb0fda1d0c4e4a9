/**
 * The three paths agree (live driver, rebuilt snapshot, replay): for every example and for
 * AGREEMENT_COUNT (default 2,000) generated workflows, at every seq of every run the live
 * fold equals `stateAt`, the routing machine agrees with every recorded event, the replay
 * check is clean, and at every commit the machine's active nodes equal the active set read
 * off the log alone. AGREEMENT_SEED picks another family of workflows; AGREEMENT_CASE=N runs
 * only generated case N (the failure messages name the seed and the case).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workflow, type HistoryEvent, type RunStatus } from '#shared';
import { testEngine, type TestEngine } from '../testing/engine.test-support.js';
import { httpFailures, LONG_TIMEOUT_MS, randomInput, randomWorkflow, Rng } from '../testing/random-workflow.js';
import { findWorkflow, graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { workflowErrors } from '../model/validate-workflow.js';
import type { RunOutcome } from '../runtime/run-driver.js';
import { applyEvent, emptyFold, findActive, toRunState, type Disagreement, type RunFold } from './run-fold.js';
import { replayCheck } from './replay-check.js';
import { stateAt } from './state-at.js';

const SEED = process.env['AGREEMENT_SEED'] ?? 'agreement-1';
const COUNT = Number(process.env['AGREEMENT_COUNT'] ?? 2000);
const ONLY = process.env['AGREEMENT_CASE'];
/** External inputs (decisions, signals, clock jumps) a run may take before it counts as stuck. */
const MAX_INTERACTIONS = 200;

/** http nodes of generated workflows fail attempts 1..N of `…?fail=N` (a thrown error or a 503). */
const fetchFake = async (url: string, init: RequestInit): Promise<Response> => {
  const attempt = Number(init.headers?.['Switchyard-Attempt'] ?? '1');
  if (attempt <= httpFailures(url)) {
    if (attempt % 2 === 0) throw new Error('connection reset');
    return new Response('busy', { status: 503 });
  }
  return new Response(JSON.stringify({ name: 'Ada', url }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

/**
 * What a run looked like at each seq, seen two ways: the fold of the committed events (the
 * routing machine's state, what `stateAt` must rebuild) and the active set read off the log
 * alone, without the machine:
 * - `node.entered` adds the node; `node.completed` and a final `node.failed` remove it;
 * - a join's `cancelled` list (the branches its block cut off) removes those nodes;
 * - entering an `end` or `fail` node, or a compensation (`compensates`), leaves everything
 *   else: those are states at the machine's top level (DESIGN §2: reaching an end cancels
 *   whatever else is active; a failing run runs its compensations alone);
 * - `run.completed` / `run.failed` / `run.cancelled` remove everything.
 * Inside one commit the two may differ: one machine macrostep leaves nodes (a block cut off
 * by its join, the rest of a failing run) at the outcome that caused it, and the log says so
 * at a later event of the same batch (the join's or the compensation's entry, the run's end).
 * Every commit is where the host acts on the log, so at the last event of every batch they
 * must be equal.
 */
interface RunTrack {
  graph: WorkflowGraph;
  workflow: Workflow;
  fold: RunFold;
  /** JSON of toRunState after each seq (index seq - 1). */
  states: string[];
  log: Set<string>;
  disagreements: Disagreement[];
  mismatches: string[];
  batches: number;
}

class Recorder {
  readonly runs = new Map<string, RunTrack>();

  constructor(private readonly workflow: Workflow) {}

  readonly onEvents = (runId: string, events: readonly HistoryEvent[]): void => {
    for (const event of events) {
      const track = this.track(runId, event);
      const problem = applyEvent(track.fold, event, track.graph);
      if (problem) track.disagreements.push(problem);
      track.states.push(JSON.stringify(toRunState(track.fold)));
      applyToLog(track.log, event);
    }
    const track = this.runs.get(runId);
    const last = events[events.length - 1];
    if (!track || !last) return;
    track.batches += 1;
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
      batches: 0,
    };
    this.runs.set(runId, track);
    return track;
  }
}

function applyToLog(active: Set<string>, event: HistoryEvent): void {
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

/** What the runs of the generated workflows covered, for the summary line. */
const coverage = {
  outcomes: new Map<RunStatus, number>(),
  kinds: new Map<string, number>(),
  features: new Map<string, number>(),
  events: 0,
};

function count(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function noteCoverage(events: readonly HistoryEvent[], status: RunStatus): void {
  coverage.outcomes.set(status, (coverage.outcomes.get(status) ?? 0) + 1);
  coverage.events += events.length;
  const seen = new Set<string>();
  for (const e of events) {
    const data = e.data ?? {};
    if (e.type === 'node.entered') seen.add(String(data['kind']));
    if (e.type === 'node.retrying') count(coverage.features, 'retries');
    if (e.type === 'timer.fired' && data['reason'] === 'timeout') count(coverage.features, 'timeouts');
    if (e.type === 'node.completed' && data['port'] === 'error') count(coverage.features, 'error-edges');
    if (e.type === 'node.failed' && data['willRetry'] === false && e.node !== undefined) seen.add('failed-node');
    if (e.type === 'approval.decided' && data['decision'] === 'rejected') count(coverage.features, 'rejections');
    if (e.type === 'node.entered' && data['compensates'] !== undefined) count(coverage.features, 'compensations');
    if (e.type === 'node.completed' && Array.isArray(data['cancelled'])) count(coverage.features, 'cut-off-blocks');
    if (e.type === 'run.failed' && data['compensated'] === true) count(coverage.features, 'compensated-runs');
  }
  for (const kind of seen) count(coverage.kinds, kind);
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
  const timesOut = node?.timeoutMs !== undefined && node.timeoutMs >= LONG_TIMEOUT_MS;
  if (node?.kind === 'approval' && !(timesOut && rng.chance(0.3))) {
    const decided = findActive(track.fold, node.id)?.approvals ?? [];
    const by = (node.config.approvers ?? ['ana']).find((name) => !decided.some((a) => a.by === name)) ?? 'ana';
    return engine.approve(runId, node.id, { decision: rng.chance(0.7) ? 'approved' : 'rejected', by });
  }
  if (node?.kind === 'wait' && !(timesOut && rng.chance(0.3)))
    return engine.signal(runId, rng.pick(node.config.events), { n: rng.int(1, 9) });
  // Let the earliest timer fall due (a long approval/wait timeout, a retry or delay beyond the inline wait).
  const due = [...track.fold.active.map((a) => a.dueAt ?? a.timeoutAt)].filter((t) => t !== undefined).map(Date.parse);
  clock.advance(Math.max(1, Math.min(...due, clock.now() + LONG_TIMEOUT_MS) - clock.now()));
  return engine.resume(runId);
}

interface RunCheck {
  status: RunStatus;
  events: HistoryEvent[];
}

/** Runs `workflow` to its end with random external input, and checks that the three paths agree. */
async function checkAgreement(workflow: Workflow, input: unknown, rng: Rng): Promise<RunCheck> {
  expect(workflowErrors(workflow), 'the workflow is valid').toEqual([]);
  const recorder = new Recorder(workflow);
  const env = testEngine({ fetch: fetchFake, onEvents: recorder.onEvents });
  let outcome = await env.engine.start(workflow, input);
  try {
    for (let i = 0; outcome.status === 'waiting'; i++) {
      expect(i, `run ${outcome.runId} is stuck waiting on ${JSON.stringify(outcome.waitingOn)}`).toBeLessThan(
        MAX_INTERACTIONS,
      );
      expect(outcome.waitingOn.length, `run ${outcome.runId} waits on nothing`).toBeGreaterThan(0);
      outcome = await interact(env, recorder, outcome, rng);
    }
  } finally {
    // One case at a time (AGREEMENT_CASE) prints what it ran, to minimise it.
    if (ONLY !== undefined) {
      console.log(JSON.stringify({ workflow, input }));
      for (const [runId, track] of recorder.runs) {
        const events = await env.store.events(runId);
        console.log(
          events.map((e) => `${runId} ${e.seq} ${e.type} ${e.node ?? ''} ${JSON.stringify(e.data ?? {})}`).join('\n'),
        );
        console.log(track.mismatches.join('\n'));
      }
    }
  }
  expect(['completed', 'failed', 'cancelled']).toContain(outcome.status);
  let top: HistoryEvent[] = [];
  for (const [runId, track] of recorder.runs) {
    const events = await env.store.events(runId);
    if (runId === outcome.runId) top = events;
    expect(track.disagreements, `${runId}: the machine refused recorded events`).toEqual([]);
    expect(track.states.length, `${runId}: every stored event was announced`).toBe(events.length);
    for (const [i, state] of track.states.entries())
      expect(JSON.stringify(await stateAt(env.store, runId, i + 1)), `${runId} seq ${i + 1}`).toBe(state);
    expect(await replayCheck(events, track.workflow, runId), `${runId}: replay check`).toEqual({
      clean: true,
      events: events.length,
    });
    expect(track.mismatches, `${runId}: machine vs log active nodes at commits`).toEqual([]);
    // The run's end is a commit too: nothing is active afterwards.
    if (runId === outcome.runId)
      expect(JSON.parse(track.states[track.states.length - 1] ?? '{}')).toMatchObject({ active: [] });
  }
  return { status: outcome.status, events: top };
}

const examplesDir = resolve(import.meta.dirname, '../../../assets/examples');
const exampleInputs: Record<string, unknown> = {
  'order-approval': { amount: 5000, customer: 'ACME' },
  'data-pipeline': {
    records: [
      { name: 'a', value: 1 },
      { name: 'b', value: 2, flaky: true },
    ],
  },
  'trip-booking-saga': { carAvailable: false },
  'fetch-user': { baseUrl: 'http://example.test', userId: 1 },
  'parallel-enrich': { name: 'Ada', company: true },
  'payment-signal': { email: 'a@b.c' },
  'reminder-delay': { waitMs: 10 },
  'ticket-router': { priority: 'low', topic: 'billing' },
  'retry-countdown': { from: 4 },
  'quote-race': {},
  'factorial-recursion': { n: 4 },
};

describe('live, rebuilt and replayed runs agree: examples', () => {
  for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.flow.json'))) {
    it(file, async () => {
      const workflow = Workflow.parse(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
      const { status } = await checkAgreement(workflow, exampleInputs[workflow.id] ?? {}, new Rng(`${SEED}:${file}`));
      expect(['completed', 'failed', 'cancelled']).toContain(status);
    });
  }
});

describe(`live, rebuilt and replayed runs agree: ${COUNT} generated workflows (AGREEMENT_SEED=${SEED})`, () => {
  const started = Date.now();
  afterAll(() => {
    const list = (map: Map<string, number>): string =>
      [...map]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    console.log(
      `agreement: ${COUNT} workflows, seed ${SEED}, ${coverage.events} events, ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `outcomes: ${list(coverage.outcomes)}; runs entering each kind: ${list(coverage.kinds)}; ${list(coverage.features)}`,
    );
  });
  for (let i = 0; i < COUNT; i++) {
    if (ONLY !== undefined && Number(ONLY) !== i) continue;
    it(`case ${i}`, async () => {
      const rng = new Rng(`${SEED}:${i}`);
      const workflow = randomWorkflow(rng, `gen-${i}`);
      const { status, events } = await checkAgreement(workflow, randomInput(rng), rng);
      noteCoverage(events, status);
    });
  }
});
