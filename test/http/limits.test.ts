import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#shared';
import { linearFlow } from './flows.js';
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
