import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from '#storage';
import { flow, makeWorkspace, writeFlow } from '../cli/cli-harness.js';
import { spawnServe, type ServeProcess } from './serve-process.js';

const ws = makeWorkspace('switchyard-hooks-');
let serve: ServeProcess;

function hooked(id: string, triggers: unknown[], waits = false): Record<string, unknown> {
  const nodes = waits
    ? [
        { id: 'start', kind: 'start' },
        { id: 'ask', kind: 'delay', config: { ms: 2000 } },
        { id: 'done', kind: 'end', config: { output: 'input' } },
      ]
    : [
        { id: 'start', kind: 'start' },
        { id: 'done', kind: 'end', config: { output: "{ 'got': input }" } },
      ];
  const edges = waits
    ? [
        { from: 'start', to: 'ask' },
        { from: 'ask', to: 'done' },
      ]
    : [{ from: 'start', to: 'done' }];
  return { ...flow(id, { nodes, edges }), triggers };
}

beforeAll(async () => {
  writeFlow(ws.dir, 'open', hooked('open', [{ id: 'in', kind: 'webhook', path: 'open', auth: { type: 'none' } }]));
  writeFlow(
    ws.dir,
    'result',
    hooked('result', [
      {
        id: 'in',
        kind: 'webhook',
        path: 'sync',
        auth: { type: 'none' },
        response: { mode: 'result', timeoutSeconds: 5 },
      },
      { id: 'bearer', kind: 'webhook', path: 'bearer', auth: { type: 'bearer', secret: 'HOOK_TOKEN' } },
      { id: 'signed', kind: 'webhook', path: 'signed', auth: { type: 'hmac', secret: 'HOOK_KEY' } },
      { id: 'nosecret', kind: 'webhook', path: 'nosecret', auth: { type: 'bearer', secret: 'NOT_SET' } },
    ]),
  );
  writeFlow(
    ws.dir,
    'slow',
    hooked(
      'slow',
      [
        {
          id: 'in',
          kind: 'webhook',
          path: 'slow',
          auth: { type: 'none' },
          response: { mode: 'result', timeoutSeconds: 0.5 },
        },
      ],
      true,
    ),
  );
  serve = await spawnServe(ws.dir, ['--db', 'hooks.db', '--workspace', ws.dir], {
    SWITCHYARD_SECRET_HOOK_TOKEN: 'tok-123456',
    SWITCHYARD_SECRET_HOOK_KEY: 'hmac-key-987',
  });
});

afterAll(async () => {
  await serve.stop();
  ws.cleanup();
});

interface Reply {
  status: number;
  body: { data?: Record<string, unknown>; error?: { code: string; message: string } };
}

async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${serve.url}/hooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

async function runsOf(workflowId: string): Promise<number> {
  const store = SqliteRunStore.open(`${ws.dir}/hooks.db`, { readonly: true });
  try {
    return (await store.listRuns({ workflowId })).length;
  } finally {
    store.close();
  }
}

describe('webhooks through switchyard serve', () => {
  it('accepted: 202 with the run id at once; the run records its trigger', async () => {
    const reply = await post('open', '{"order": 7}');
    expect(reply.status).toBe(202);
    const runId = String(reply.body.data?.['runId']);
    expect(runId).toMatch(/^r_/);
    const run = await fetch(`${serve.url}/api/getRun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ runId }),
    });
    const { data } = (await run.json()) as { data: { run: { trigger: unknown; input: unknown } } };
    expect(data.run.input).toEqual({ order: 7 });
    expect(data.run.trigger).toMatchObject({ id: 'in', kind: 'webhook' });
  });

  it('result: waits for the output; on timeout 202 with the run id', async () => {
    const done = await post('sync', '{"a": 1}');
    expect(done).toMatchObject({ status: 200, body: { data: { status: 'completed', output: { got: { a: 1 } } } } });
    const slow = await post('slow', '{}');
    expect(slow.status).toBe(202);
    expect(slow.body.data).toMatchObject({ status: 'running', runId: expect.stringMatching(/^r_/) });
  });

  it('bearer: the right token starts a run, a wrong or missing one is 401 and starts nothing', async () => {
    const before = await runsOf('result');
    expect((await post('bearer', '{}', { authorization: 'Bearer nope' })).status).toBe(401);
    const missing = await post('bearer', '{}');
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await runsOf('result')).toBe(before);
    expect((await post('bearer', '{}', { authorization: 'Bearer tok-123456' })).status).toBe(202);
    expect(await runsOf('result')).toBe(before + 1);
  });

  it('hmac: sha256=<hex HMAC of the raw body> in X-Switchyard-Signature', async () => {
    const body = '{"push": true}';
    const signature = `sha256=${createHmac('sha256', 'hmac-key-987').update(body).digest('hex')}`;
    const before = await runsOf('result');
    expect((await post('signed', body, { 'x-switchyard-signature': signature })).status).toBe(202);
    const tampered = await post('signed', '{"push": false}', { 'x-switchyard-signature': signature });
    expect(tampered).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect((await post('signed', body)).status).toBe(401);
    expect(await runsOf('result')).toBe(before + 1);
  });

  it('a secret the server lacks: 500 SECRET_MISSING naming it, nothing started', async () => {
    const before = await runsOf('result');
    const reply = await post('nosecret', '{}', { authorization: 'Bearer x' });
    expect(reply.status).toBe(500);
    expect(reply.body.error?.code).toBe('SECRET_MISSING');
    expect(reply.body.error?.message).toContain('NOT_SET');
    expect(await runsOf('result')).toBe(before);
  });

  it('Idempotency-Key: retried deliveries start one run and answer with it', async () => {
    const before = await runsOf('open');
    const replies = await Promise.all(
      [1, 2, 3].map(() => post('open', '{"x": 1}', { 'idempotency-key': 'delivery-42' })),
    );
    const again = await post('open', '{"x": 1}', { 'idempotency-key': 'delivery-42' });
    const ids = new Set([...replies, again].map((r) => r.body.data?.['runId']));
    expect(ids.size).toBe(1);
    expect(await runsOf('open')).toBe(before + 1);
  });

  it('refuses a body that is not JSON (400) or too large (413), starting nothing', async () => {
    const before = await runsOf('open');
    const bad = await post('open', '{"not json');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BAD_JSON' } } });
    const big = await post('open', JSON.stringify({ s: 'x'.repeat(5 * 1024 * 1024 + 10) }));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'LIMIT_EXCEEDED' } } });
    expect(await runsOf('open')).toBe(before);
  });

  it('auth "none" is refused (401) on a server that listens beyond loopback', async () => {
    const wide = await spawnServe(ws.dir, [
      '--db',
      'wide.db',
      '--workspace',
      ws.dir,
      '--host',
      '0.0.0.0',
      '--token',
      'tttt',
    ]);
    try {
      const url = wide.url.replace('0.0.0.0', '127.0.0.1');
      const res = await fetch(`${url}/hooks/open`, { method: 'POST', body: '{}' });
      const body = (await res.json()) as Reply['body'];
      expect(res.status).toBe(401);
      expect(body.error?.message).toContain('loopback');
    } finally {
      await wide.stop();
    }
  });

  it('an unknown path is 404 and a wrong method 405; webhooks skip the Origin check', async () => {
    expect((await post('nope', '{}')).status).toBe(404);
    expect((await fetch(`${serve.url}/hooks/open`)).status).toBe(405);
    expect((await post('open', '{}', { origin: 'https://github.com' })).status).toBe(202);
  });
});
