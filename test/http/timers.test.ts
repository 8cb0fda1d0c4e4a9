import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalTimeoutFlow, delayFlow } from './flows.js';
import { eventually } from './event-stream.js';
import { startTestServer, type TestServer } from './http-harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxInlineWaitMs: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('the timer scheduler', () => {
  it('resumes a run whose delay falls due', async () => {
    const started = await server.ok('startRun', { workflow: delayFlow(300) });
    expect(started).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'nap', kind: 'delay' }] });
    const run = await eventually(async () => {
      const { run } = await server.ok('getRun', { runId: started.runId });
      return run.status === 'waiting' ? undefined : run;
    }, 5000);
    expect(run).toMatchObject({ status: 'completed', output: 'woke up' });
    const history = await server.ok('getHistory', { runId: started.runId });
    const fired = history.find((e) => e.type === 'timer.fired');
    const waited = history.find((e) => e.type === 'run.waiting');
    expect(fired).toMatchObject({ node: 'nap', data: { reason: 'delay' } });
    expect(Date.parse(fired?.at ?? '') - Date.parse(waited?.at ?? '')).toBeGreaterThanOrEqual(250);
  });

  it('fires an approval timeout', async () => {
    const started = await server.ok('startRun', { workflow: approvalTimeoutFlow(300) });
    expect(started.status).toBe('waiting');
    const run = await eventually(async () => {
      const { run } = await server.ok('getRun', { runId: started.runId });
      return run.status === 'waiting' ? undefined : run;
    }, 5000);
    expect(run).toMatchObject({ status: 'completed', output: 'timed out' });
  });

  it('leaves runs without timers alone', async () => {
    const started = await server.ok('startRun', { workflow: delayFlow(60_000) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await server.ok('getHistory', { runId: started.runId })).toHaveLength(
      (await server.ok('getRun', { runId: started.runId })).lastSeq,
    );
    expect((await server.ok('getRun', { runId: started.runId })).run.status).toBe('waiting');
    expect(server.logs.filter((l) => l.includes('timer scheduler'))).toEqual([]);
  });
});
