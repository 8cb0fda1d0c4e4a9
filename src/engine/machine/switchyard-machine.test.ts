import { createActor, toPromise } from 'xstate';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../testing/simulated-clock.js';
import { testEngine } from '../testing/engine.test-support.js';
import { exampleWorkflow } from '../testing/examples.test-support.js';
import { createSwitchyardMachine, switchyardOutcome } from './switchyard-machine.js';

const fetchJson = async (): Promise<Response> =>
  new Response(JSON.stringify({ name: 'Ada' }), { status: 200, headers: { 'content-type': 'application/json' } });

const cases: [string, unknown][] = [
  ['ticket-router', { priority: 'low', topic: 'billing' }],
  ['ticket-router', { priority: 'urgent' }],
  ['parallel-enrich', { name: 'Ada', company: true }],
  ['retry-countdown', { from: 4 }],
  ['trip-booking-saga', { carAvailable: false }],
  ['trip-booking-saga', { carAvailable: true }],
  ['quote-race', {}],
  ['factorial-recursion', { n: 4 }],
  ['order-approval', { amount: 5000, customer: 'ACME' }],
];

describe('createSwitchyardMachine runs with plain createActor, as the engine runs it', () => {
  it.each(cases)('%s %j', async (name, input) => {
    const doc = exampleWorkflow(name);
    const { engine } = testEngine({ fetch: fetchJson });
    let outcome = await engine.start(doc, input);
    if (outcome.status === 'waiting')
      outcome = await engine.approve(outcome.runId, 'boss', { decision: 'approved', by: 'ana' });
    const clock = new SimulatedClock({ autoAdvance: true });
    const machine = createSwitchyardMachine(doc, {
      clock,
      fetch: fetchJson,
      approval: async () => ({ decision: 'approved', by: 'ana' }),
    });
    const actor = createActor(machine, { input });
    actor.start();
    await toPromise(actor);
    const result = switchyardOutcome(actor.getSnapshot());
    expect(result).toEqual({
      status: outcome.status,
      output: outcome.status === 'completed' ? outcome.output : null,
      error: outcome.error === null ? null : { code: outcome.error.code, message: expect.any(String) },
    });
  });
});

describe('an approval nobody decides times out by the compiled after transition', () => {
  const never = (): Promise<never> => new Promise(() => undefined);
  const withTimeout = (keepEdge: boolean) => {
    const doc = exampleWorkflow('order-approval');
    return {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'boss' ? { ...n, timeoutMs: 20 } : n)),
      edges: doc.edges.filter((e) => keepEdge || e.port !== 'timeout'),
    };
  };
  const run = async (doc: ReturnType<typeof withTimeout>) => {
    const machine = createSwitchyardMachine(doc, { clock: new SimulatedClock(), fetch: fetchJson, approval: never });
    const actor = createActor(machine, { input: { amount: 5000, customer: 'ACME' } });
    actor.start();
    await toPromise(actor);
    return switchyardOutcome(actor.getSnapshot());
  };

  it('takes the timeout port when an edge leaves it', async () => {
    expect(await run(withTimeout(true))).toEqual({
      status: 'completed',
      output: { approved: false, reason: 'no decision within a day' },
      error: null,
    });
  });

  it('fails with TIMEOUT when no edge leaves it', async () => {
    expect(await run(withTimeout(false))).toEqual({
      status: 'failed',
      output: null,
      error: { code: 'TIMEOUT', message: 'node boss: approval timed out after 20 ms' },
    });
  });
});
