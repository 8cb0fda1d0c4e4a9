import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#shared';
import { flow, linearFlow } from './flows.js';
import { startTestServer, type TestServer } from './http-harness.js';

/** `depth` objects inside each other, as JSON text (built as text: no recursion to make it). */
const deepJson = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('limits on HTTP input', () => {
  it('refuses a body nested past the limit with 400 LIMIT_EXCEEDED, not a crash', async () => {
    const raw = `{"workflow": ${JSON.stringify(linearFlow)}, "input": ${deepJson(10_000)}}`;
    const reply = await server.api('startRun', undefined, { raw });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'LIMIT_EXCEEDED',
      message: `the body of startRun nests objects and arrays more than ${LIMITS.jsonDepth} levels deep (limit jsonDepth)`,
    });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('refuses a workflow file name longer than a file system allows with 400', async () => {
    const file = `${'x'.repeat(300)}.flow.json`;
    const reply = await server.api('saveWorkflow', { file, workflow: linearFlow });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain(`at most ${LIMITS.fileNameBytes} characters (limit fileNameBytes)`);
  });
});

const stuckScriptFlow = flow(
  'stuck-script',
  [
    { id: 'start', kind: 'start' },
    // One `fill` is one long native call, which the interpreter's own time check cannot interrupt.
    { id: 'fill', kind: 'script', config: { code: 'for (;;) { new Array(1000000).fill(1.5) }' } },
    { id: 'done', kind: 'end' },
    { id: 'stopped', kind: 'end', config: { output: 'steps.fill.error' } },
  ],
  [
    { from: 'start', to: 'fill' },
    { from: 'fill', to: 'done' },
    { from: 'fill', port: 'error', to: 'stopped' },
  ],
);

describe('user code off the event loop', () => {
  it('answers every request while a script is stuck, and stops the script at its deadline', async () => {
    const started = server.ok('startRun', { workflow: stuckScriptFlow, input: {} });
    const probes: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const sent = Date.now();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      probes.push(Date.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Each answer is immediate; on the event loop the script would hold every one past 1 s.
    expect(Math.max(...probes)).toBeLessThan(500);
    const run = await started;
    expect(run).toMatchObject({
      status: 'completed',
      output: { code: 'SCRIPT_TIMEOUT', message: 'script ran longer than 1000 ms' },
    });
  });
});
