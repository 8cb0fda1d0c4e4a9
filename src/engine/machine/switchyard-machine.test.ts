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
