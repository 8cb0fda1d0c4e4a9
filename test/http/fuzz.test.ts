/**
 * Fuzzing the HTTP API (seeded: FUZZ_SEED): any method name with any JSON body, or a body that is
 * not JSON, gets an envelope with a stable error code and a 4xx status — never a 500, never a
 * stack trace — and the server keeps answering.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_METHODS, ERROR_CODES } from '#shared';
import { startTestServer, type TestServer } from './http-harness.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);
const METHODS = Object.keys(BACKEND_METHODS);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function expectClearRefusal(reply: Awaited<ReturnType<TestServer['api']>>): void {
  expect(reply.status, JSON.stringify(reply.body)).not.toBe(500);
  if (reply.status === 200) {
    expect(reply.body).toHaveProperty('data');
    return;
  }
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  const error = reply.body.error;
  expect(error && KNOWN.has(error.code), JSON.stringify(error)).toBe(true);
  expect(error?.message).not.toMatch(/\n\s+at /);
}

describe(`fuzz: HTTP API bodies (FUZZ_SEED=${SEED})`, () => {
  it('answers any method with any JSON params clearly, and the server keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS, 'noSuchMethod'),
        fc.jsonValue({ maxDepth: 4 }),
        async (method, params) => {
          expectClearRefusal(await server.api(method, params));
        },
      ),
      { seed: SEED, numRuns: 300, interruptAfterTimeLimit: 30_000 },
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers a body that is not JSON with 400 BAD_JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), fc.string({ minLength: 1, maxLength: 80 }), async (method, raw) => {
        fc.pre(raw.trim() !== '' && !isJson(raw));
        const reply = await server.api(method, undefined, { raw });
        expect(reply.status).toBe(400);
        expect(reply.body.error?.code).toBe('BAD_JSON');
      }),
      { seed: SEED, numRuns: 100, interruptAfterTimeLimit: 15_000 },
    );
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
