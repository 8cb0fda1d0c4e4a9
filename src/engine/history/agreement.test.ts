/**
 * The three paths agree — the live driver, the snapshot rebuilt from the store, the replay
 * check — and with the log read on its own: for every example and for AGREEMENT_COUNT (default
 * 2,000) generated workflows (testing/random-workflow.ts), checked by checkAgreement.
 * AGREEMENT_SEED picks another family of workflows; AGREEMENT_CASE=N runs generated case N
 * alone and prints its workflow and histories (failure messages name the seed and the case).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent, RunStatus } from '#shared';
import { checkAgreement } from '../testing/agreement.test-support.js';
import { allExamples } from '../testing/examples.test-support.js';
import { edges, flow } from '../testing/engine.test-support.js';
import { MAX_NODES, MIN_NODES, randomInput, randomWorkflow, Rng } from '../testing/random-workflow.js';

const SEED = process.env['AGREEMENT_SEED'] ?? 'agreement-1';
const COUNT = Number(process.env['AGREEMENT_COUNT'] ?? 2000);
const ONLY = process.env['AGREEMENT_CASE'];
/** Generated cases per test: a test costs a round trip to the runner, as much as a small case. */
const CASES_PER_TEST = 25;

describe('live, rebuilt and replayed runs agree: examples', () => {
  for (const { file, workflow, input } of allExamples()) {
    it(file, async () => {
      await checkAgreement(workflow, input, new Rng(`${SEED}:${file}`), file);
    });
  }
});

/** Minimised from generated cases that found engine bugs (now fixed). */
describe('live, rebuilt and replayed runs agree: regressions', () => {
  const rng = (): Rng => new Rng('regression');
  const approval = (id: string, extra: object = {}): object => ({
    id,
    kind: 'approval',
    config: { title: 'ok?' },
    ...extra,
  });
  const entered = (events: HistoryEvent[], node: string): HistoryEvent | undefined =>
    events.filter((e) => e.type === 'node.entered' && e.node === node).at(-1);

  it('a parallel node whose `when` skips every branch goes on through its join (the run waited on nothing)', async () => {
    const workflow = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'p', kind: 'parallel' },
        { id: 'a', kind: 'transform' },
        { id: 'b', kind: 'transform' },
        { id: 'j', kind: 'join' },
        { id: 'done', kind: 'end', config: { output: "'joined'" } },
      ],
      [
        ...edges('start>p', 'a>j', 'b>j', 'j>done'),
        { from: 'p', to: 'a', when: 'false' },
        { from: 'p', to: 'b', when: 'false' },
      ],
    );
    const { status } = await checkAgreement(workflow, {}, rng(), 'all branches skipped');
    expect(status).toBe('completed');
  });

  it("a join's entry records the branches its block cut off, before anything else is committed", async () => {
    // The inner `first` join cuts off ok2 while ok1 (outside the inner block) keeps the batch from
    // running ahead: the commit ends at the join's entry, before its completion.
    const workflow = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'p1', kind: 'parallel' },
        { id: 'p2', kind: 'parallel' },
        { id: 't', kind: 'transform' },
        approval('ok2'),
        { id: 'j2', kind: 'join', config: { mode: 'first' } },
        approval('ok1'),
        { id: 'j1', kind: 'join' },
      ],
      edges('start>p1', 'p1>p2', 'p2>t', 'p2>ok2', 't>j2', 'ok2:approved>j2', 'j2>j1', 'p1>ok1', 'ok1:approved>j1'),
    );
    const { status, events } = await checkAgreement(workflow, {}, rng(), 'inner first join');
    expect(status).toBe('completed');
    expect(entered(events, 'j2')?.data?.['cancelled']).toEqual(['ok2']);
  });

  it('a join that branches arrived at is left with its block when an outer join cuts it off', async () => {
    const workflow = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'p1', kind: 'parallel' },
        { id: 'p2', kind: 'parallel' },
        { id: 't', kind: 'transform' },
        { id: 'w', kind: 'wait', config: { events: ['go'] } },
        { id: 'j2', kind: 'join' },
        { id: 'd', kind: 'delay', config: { ms: 10 } },
        { id: 'j1', kind: 'join', config: { mode: 'first' } },
        approval('ok'),
      ],
      edges('start>p1', 'p1>p2', 'p2>t', 'p2>w', 't>j2', 'w:go>j2', 'j2>j1', 'p1>d', 'd>j1', 'j1>ok'),
    );
    const { events, states } = await checkAgreement(workflow, {}, rng(), 'outer first join');
    expect(entered(events, 'j1')?.data?.['cancelled']).toEqual(['j2', 'w']);
    // Before the fix the fold kept j2 active (waiting for w) for the rest of the run.
    const waiting = events.find((e) => e.type === 'run.waiting')?.seq ?? 0;
    expect(JSON.parse(states[waiting - 1] ?? '{}')).toMatchObject({ active: ['ok'] });
  });

  it('a join that branches arrived at is left when the run fails and compensates', async () => {
    // The compensation is an http task, so the commit ends at its entry, while the machine is in the saga.
    const workflow = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'p', kind: 'parallel' },
        { id: 't', kind: 'transform', compensation: 'undo' },
        approval('ok', { timeoutMs: 500 }),
        { id: 'j', kind: 'join' },
        { id: 'undo', kind: 'http', config: { method: 'POST', url: 'http://svc.test/undo' } },
      ],
      edges('start>p', 'p>t', 'p>ok', 't>j', 'ok:approved>j'),
    );
    const { status, events } = await checkAgreement(workflow, {}, rng(), 'saga with an arrived join');
    expect(status).toBe('failed');
    expect(events.at(-1)?.data?.['compensated']).toBe(true);
  });

  it('a signal that two waits of a `first` block receive completes only the one the block still runs', async () => {
    const workflow = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'p', kind: 'parallel' },
        { id: 'w1', kind: 'wait', config: { events: ['go'] } },
        { id: 'w2', kind: 'wait', config: { events: ['go'] } },
        { id: 'j', kind: 'join', config: { mode: 'first' } },
        { id: 'done', kind: 'end' },
      ],
      edges('start>p', 'p>w1', 'p>w2', 'w1:go>j', 'w2:go>j', 'j>done'),
    );
    const { status, events } = await checkAgreement(workflow, {}, rng(), 'one signal, two waits');
    expect(status).toBe('completed');
    expect(events.filter((e) => e.type === 'node.completed' && e.node?.startsWith('w')).length).toBe(1);
  });

  it('a condition decides on the context as of its entry, so the replay check agrees', async () => {
    // t (in the other branch) changes vars.acc after c is entered and before c's outcome is recorded.
    const workflow = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'init', kind: 'transform', config: { assign: { acc: '2' } } },
        { id: 'p', kind: 'parallel' },
        { id: 'sw', kind: 'switch', config: { cases: [{ port: 'a', when: "input.kind = 'a'" }] } },
        { id: 'c', kind: 'condition', config: { when: 'vars.acc % 2 = 0' } },
        { id: 't', kind: 'transform', config: { assign: { acc: '7' } } },
        { id: 'j', kind: 'join' },
      ],
      edges('start>init', 'init>p', 'p>sw', 'sw:default>c', 'c:true>j', 'c:false>j', 'p>t', 't>j'),
    );
    const { events } = await checkAgreement(workflow, { kind: 'b' }, rng(), 'condition in a parallel branch');
    const at = (type: string, node: string): number =>
      events.find((e) => e.type === type && e.node === node)?.seq ?? Number.NaN;
    expect(at('node.completed', 't')).toBeGreaterThan(at('node.entered', 'c'));
    expect(at('node.completed', 't')).toBeLessThan(at('node.completed', 'c'));
    expect(events.find((e) => e.type === 'node.completed' && e.node === 'c')?.data?.['port']).toBe('true');
  });
});

/** What the runs of the generated workflows covered, for the summary line. */
const coverage = {
  outcomes: new Map<RunStatus, number>(),
  kinds: new Map<string, number>(),
  features: new Map<string, number>(),
  events: 0,
};

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function noteCoverage(events: readonly HistoryEvent[], status: RunStatus): void {
  count(coverage.outcomes, status);
  coverage.events += events.length;
  const kinds = new Set<string>();
  const failed = new Set<string>();
  for (const e of events) {
    const data = e.data ?? {};
    if (e.type === 'node.entered') kinds.add(String(data['kind']));
    if (e.type === 'node.failed' && data['willRetry'] === false && e.node !== undefined) failed.add(e.node);
    if (e.type === 'node.entered' && failed.delete(String(data['from']))) count(coverage.features, 'error edges');
    if (e.type === 'node.retrying') count(coverage.features, 'retries');
    if (e.type === 'timer.fired' && data['reason'] === 'timeout') count(coverage.features, 'timeouts');
    if (e.type === 'approval.decided') count(coverage.features, `${String(data['decision'])} approvals`);
    if (e.type === 'signal.received') count(coverage.features, 'signals');
    if (e.type === 'node.entered' && data['compensates'] !== undefined) count(coverage.features, 'compensations');
    if (e.type === 'node.entered' && Array.isArray(data['cancelled'])) count(coverage.features, 'cut-off blocks');
    if (e.type === 'run.failed' && data['compensated'] === true) count(coverage.features, 'compensated runs');
  }
  for (const kind of kinds) count(coverage.kinds, kind);
}

describe(`live, rebuilt and replayed runs agree: ${COUNT} generated workflows (AGREEMENT_SEED=${SEED})`, () => {
  const started = Date.now();
  afterAll(() => {
    if (coverage.outcomes.size === 0) return;
    const list = (map: Map<string, number>): string =>
      [...map]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `agreement: ${COUNT} workflows (seed ${SEED}), ${coverage.events} events, ${seconds} s; outcomes: ${list(coverage.outcomes)}; ` +
        `runs entering each kind: ${list(coverage.kinds)}; ${list(coverage.features)}`,
    );
  });

  const runCase = async (i: number): Promise<void> => {
    const rng = new Rng(`${SEED}:${i}`);
    const workflow = randomWorkflow(rng, `gen-${i}`);
    const label = `case ${i} (AGREEMENT_SEED=${SEED} AGREEMENT_CASE=${i})`;
    expect(workflow.nodes.length, `${label}: nodes`).toBeGreaterThanOrEqual(MIN_NODES);
    expect(workflow.nodes.length, `${label}: nodes`).toBeLessThanOrEqual(MAX_NODES);
    const { status, events } = await checkAgreement(workflow, randomInput(rng), rng, label, {
      verbose: ONLY !== undefined,
    });
    noteCoverage(events, status);
  };

  if (ONLY !== undefined) {
    it(`case ${ONLY}`, () => runCase(Number(ONLY)));
    return;
  }
  for (let first = 0; first < COUNT; first += CASES_PER_TEST) {
    const last = Math.min(COUNT, first + CASES_PER_TEST) - 1;
    it(`cases ${first}–${last}`, async () => {
      for (let i = first; i <= last; i++) await runCase(i);
    });
  }
});
