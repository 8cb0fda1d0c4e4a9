import { describe, expect, it } from 'vitest';
import { edges, flow, testEngine } from '../testing/engine.test-support.js';
import { handledErrors } from './handled-errors.js';

const start = { id: 'start', kind: 'start' };
const charge = (output: string, extra: Record<string, unknown> = {}) => ({
  id: 'charge',
  kind: 'transform',
  config: { output },
  ...extra,
});
const ok = { id: 'ok', kind: 'end', config: { output: "'paid'" } };
const declined = { id: 'declined', kind: 'end', config: { output: "'declined: ' & steps.charge.error.message" } };

async function eventsOf(doc: ReturnType<typeof flow>) {
  const { engine, store } = testEngine();
  const outcome = await engine.start(doc, {});
  return { outcome, events: await store.events(outcome.runId) };
}

describe('handled errors', () => {
  it('finds a failure routed to the error port of a run that completed', async () => {
    const { outcome, events } = await eventsOf(
      flow(
        [start, charge('$error("card declined")'), ok, declined],
        edges('start>charge', 'charge>ok', 'charge:error>declined'),
      ),
    );
    expect(outcome.status).toBe('completed');
    const failed = events.find((e) => e.type === 'node.failed');
    expect(handledErrors(events)).toEqual({
      count: 1,
      nodes: ['charge'],
      first: {
        node: 'charge',
        seq: failed?.seq,
        error: { code: expect.any(String), message: expect.stringContaining('card declined') },
      },
    });
  });

  it('is undefined for a clean run, a failure that failed the run and a retry that then succeeded', async () => {
    const clean = await eventsOf(flow([start, charge("'fine'"), ok], edges('start>charge', 'charge>ok')));
    expect(handledErrors(clean.events)).toBeUndefined();

    const unhandled = await eventsOf(flow([start, charge('$error("boom")'), ok], edges('start>charge', 'charge>ok')));
    expect(unhandled.outcome.status).toBe('failed');
    expect(handledErrors(unhandled.events)).toBeUndefined();

    const retried = await eventsOf(
      flow(
        [
          start,
          charge("attempt = 1 ? $error('flaky') : 'ok'", { retry: { maxAttempts: 2, delayMs: 10 } }),
          ok,
          declined,
        ],
        edges('start>charge', 'charge>ok', 'charge:error>declined'),
      ),
    );
    expect(retried.events.some((e) => e.type === 'node.failed')).toBe(true);
    expect(handledErrors(retried.events)).toBeUndefined();
  });

  it('counts each handled failure of a node in a loop once per failure, naming the node once', async () => {
    const loop = flow(
      [
        start,
        { id: 'count', kind: 'transform', config: { assign: { n: '$exists(vars.n) ? vars.n + 1 : 1' } } },
        charge('$error("no " & $string(vars.n))'),
        { id: 'again', kind: 'condition', config: { when: 'vars.n < 3' } },
        { id: 'done', kind: 'end' },
      ],
      edges('start>count', 'count>charge', 'charge:error>again', 'again:true>count', 'again:false>done'),
    );
    const { outcome, events } = await eventsOf(loop);
    expect(outcome.status).toBe('completed');
    expect(handledErrors(events)).toMatchObject({
      count: 3,
      nodes: ['charge'],
      first: { error: { message: expect.stringContaining('no 1 ') } },
    });
  });
});
