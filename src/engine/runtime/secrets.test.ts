import { describe, expect, it } from 'vitest';
import type { SecretProvider } from '../ports.js';
import { edges, flow, testEngine } from '../testing/engine.test-support.js';

const TOKEN = 's3cr3t-token-value';
const secrets: SecretProvider = {
  get: (name) => (name === 'API_TOKEN' ? TOKEN : undefined),
  values: () => [TOKEN],
  howToSet: (name) => `set SWITCHYARD_SECRET_${name}`,
};
const start = { id: 'start', kind: 'start' };

/** A server that echoes the request back, the worst case for a leak. */
function echoFetch(seen: { url: string; headers: Record<string, string> }[], status = 200) {
  return (url: string, init: RequestInit): Promise<Response> => {
    const headers = init.headers as Record<string, string>;
    seen.push({ url, headers });
    return Promise.resolve(
      new Response(JSON.stringify({ url, authorization: headers['Authorization'] }), {
        status,
        headers: { 'content-type': 'application/json', 'x-echo': headers['Authorization'] ?? '' },
      }),
    );
  };
}

describe('secrets', () => {
  it('sends the value where a template names it, and records *** wherever it would appear', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const { engine, store, logs } = testEngine({ secrets, fetch: echoFetch(seen) });
    const doc = flow(
      [
        start,
        {
          id: 'call',
          kind: 'http',
          config: {
            method: 'GET',
            url: 'https://api.example/items?key={{ secret.API_TOKEN }}',
            headers: { Authorization: 'Bearer {{ secret.API_TOKEN }}' },
          },
        },
        { id: 'copy', kind: 'transform', config: { output: "$secret('API_TOKEN') & '!'" } },
        { id: 'say', kind: 'log', config: { message: 'token is {{ secret.API_TOKEN }}' } },
        {
          id: 'done',
          kind: 'end',
          config: { output: '{ "body": steps.call.output.body, "copy": steps.copy.output }' },
        },
      ],
      edges('start>call', 'call>copy', 'copy>say', 'say>done'),
    );
    const outcome = await engine.start(doc, { note: `input carrying ${TOKEN}` });
    expect(seen).toEqual([
      expect.objectContaining({
        url: `https://api.example/items?key=${TOKEN}`,
        headers: expect.objectContaining({ Authorization: `Bearer ${TOKEN}` }),
      }),
    ]);
    expect(outcome).toMatchObject({
      status: 'completed',
      output: { body: { url: 'https://api.example/items?key=***', authorization: 'Bearer ***' }, copy: '***!' },
    });
    const recorded = JSON.stringify([await store.events(outcome.runId), await store.getRun(outcome.runId)]);
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).toContain('input carrying ***');
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });

  it('redacts the value from an error message', async () => {
    const { engine, store } = testEngine({ secrets, fetch: echoFetch([], 500) });
    const doc = flow(
      [
        start,
        { id: 'call', kind: 'http', config: { method: 'GET', url: 'https://api.example/?key={{ secret.API_TOKEN }}' } },
        { id: 'done', kind: 'end' },
      ],
      edges('start>call', 'call>done'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('HTTP_STATUS');
    expect(outcome.error?.message).toContain('GET https://api.example/?key=*** answered 500');
    expect(JSON.stringify(await store.events(outcome.runId))).not.toContain(TOKEN);
  });

  it('fails the node with SECRET_MISSING naming the secret, and takes its error port', async () => {
    const { engine } = testEngine({ secrets });
    const doc = flow(
      [
        start,
        { id: 'use', kind: 'transform', config: { output: 'secret.NOT_SET' } },
        { id: 'done', kind: 'end' },
        { id: 'handled', kind: 'end', config: { output: 'steps.use.error' } },
      ],
      [...edges('start>use', 'use>done'), { from: 'use', port: 'error', to: 'handled' }],
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.output).toEqual({
      code: 'SECRET_MISSING',
      message: 'config.output: secret NOT_SET is not set (set SWITCHYARD_SECRET_NOT_SET)',
    });
  });

  it('refuses a $secret name that is not a secret name, and reads no secret without a provider', async () => {
    const { engine } = testEngine({ secrets });
    const bad = flow(
      [
        start,
        { id: 'use', kind: 'transform', config: { output: "$secret('api token')" } },
        { id: 'done', kind: 'end' },
      ],
      edges('start>use', 'use>done'),
    );
    expect((await engine.start(bad, {})).error).toMatchObject({
      code: 'SECRET_MISSING',
      message: expect.stringContaining('a secret name is upper case letters, digits and _'),
    });
    const plain = testEngine();
    const reads = flow(
      [
        start,
        { id: 'use', kind: 'transform', config: { output: 'secret.API_TOKEN' } },
        { id: 'done', kind: 'end', config: { output: 'steps.use.output' } },
      ],
      edges('start>use', 'use>done'),
    );
    expect((await plain.engine.start(reads, {})).output).toBeNull();
  });
});
