import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '#shared';
import { Engine } from './engine.js';
import { edges, flow, testEngine } from '../testing/engine.test-support.js';

const napFlow = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'nap', kind: 'delay', config: { ms: 5000 } },
    { id: 'done', kind: 'end' },
  ],
  edges('start>nap', 'nap>done'),
);

describe('run leases in the engine', () => {
  it('holds a run only while an operation drives it, and stores a waiting run’s wake time', async () => {
    const { engine, store } = testEngine({ maxInlineWaitMs: 0, owner: 'me' });
    const outcome = await engine.start(napFlow, {});
    expect(outcome.status).toBe('waiting');
    expect(await store.leaseOf(outcome.runId)).toBeUndefined();
    expect(await store.claimDue('x', Date.parse('2026-01-01T00:00:04.999Z'), 10, 1000)).toEqual([]);
    expect(await store.claimDue('x', Date.parse('2026-01-01T00:00:05.000Z'), 10, 1000)).toEqual([outcome.runId]);
  });

  it('refuses to drive a run another live owner holds, and records nothing', async () => {
    const { engine, store, clock } = testEngine({ maxInlineWaitMs: 0, owner: 'me' });
    const { runId } = await engine.start(napFlow, {});
    const before = await store.events(runId);
    expect(await store.claim(runId, 'other', 30_000)).toBe(true);
    clock.advance(5000);
    const err = await engine.resume(runId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SwitchyardError);
    expect(err).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^run r1 is being driven by other \(lease until .+\)$/),
    });
    await expect(engine.cancel(runId)).rejects.toThrow('being driven by other');
    expect(await store.events(runId)).toEqual(before);
    expect(await engine.resumeAll()).toEqual({
      outcomes: [],
      skipped: [{ runId, owner: 'other', expiresAt: expect.any(String) }],
    });
    await store.release(runId, 'other');
    expect((await engine.resumeAll()).outcomes).toMatchObject([{ runId, status: 'completed' }]);
  });

  it('breaks the lease of an owner the host knows is dead', async () => {
    const { ports, store } = testEngine({ maxInlineWaitMs: 0 });
    const engine = new Engine(ports, { owner: 'me', maxInlineWaitMs: 0, ownerAlive: (owner) => owner !== 'dead' });
    const { runId } = await engine.start(napFlow, {});
    await store.claim(runId, 'dead', 30_000);
    await expect(engine.resume(runId)).resolves.toMatchObject({ status: 'waiting' });
  });

  it('renews the lease while a long task runs, and releases it after', async () => {
    let finish: (value: Response) => void = () => undefined;
    const fetch = () => new Promise<Response>((resolve) => (finish = resolve));
    const { engine, store, clock } = testEngine({ fetch, autoAdvance: false, owner: 'me', leaseMs: 3000 });
    const doc = flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'call', kind: 'http', config: { method: 'GET', url: 'http://example.test/' } },
        { id: 'done', kind: 'end' },
      ],
      edges('start>call', 'call>done'),
    );
    const running = engine.start(doc, {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    const first = await store.leaseOf('r1');
    expect(first?.owner).toBe('me');
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const later = await store.leaseOf('r1');
    expect(Date.parse(later?.expiresAt ?? '')).toBeGreaterThan(Date.parse(first?.expiresAt ?? ''));
    finish(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect((await running).status).toBe('completed');
    expect(await store.leaseOf('r1')).toBeUndefined();
  });
});
