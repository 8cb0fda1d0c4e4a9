import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalFlow, linearFlow } from './flows.js';
import { openEventStream } from './event-stream.js';
import { rawGet, startTestServer, type TestServer } from './http-harness.js';

let server: TestServer;
let ui: TestServer;
beforeAll(async () => {
  server = await startTestServer({ identity: { name: 'ana', groups: [], source: 'os' } });
  const staticDir = join(server.dir, 'ui');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>switchyard ui</title>');
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log("hi")');
  ui = await startTestServer({ staticDir });
});
afterAll(async () => {
  await ui.close();
  await server.close();
});

describe('the HTTP transport', () => {
  it('answers unknown methods with 404', async () => {
    const reply = await server.api('dropDatabase', {});
    expect(reply.status).toBe(404);
    expect(reply.body.error?.code).toBe('NOT_FOUND');
    expect(reply.body.error?.message).toContain('dropDatabase');
    expect((await server.api('toString', {})).status).toBe(404);
  });

  it('answers bad params with 400 naming the field', async () => {
    const wrongType = await server.api('startRun', { file: 'x.flow.json', maxSteps: 'many' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error?.code).toBe('BAD_USAGE');
    expect(wrongType.body.error?.message).toMatch(/^startRun: maxSteps: /);

    const unknownField = await server.api('getRun', { runId: 'r_1', verbose: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error?.message).toContain('"verbose"');

    const missing = await server.api('approve', { runId: 'r_1', node: 'boss', by: 'ana' });
    expect(missing.body.error?.message).toMatch(/decision/);
  });

  it('answers malformed JSON with 400 BAD_JSON, a wrong content type with 415, a huge body with 413', async () => {
    const malformed = await server.api('listWorkflows', undefined, { raw: '{"oops": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe('BAD_JSON');

    const text = await server.api('listWorkflows', undefined, { raw: '{}', contentType: 'text/plain' });
    expect(text.status).toBe(415);

    const huge = await server.api('validateWorkflow', undefined, {
      raw: JSON.stringify({ workflow: 'x'.repeat(6 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toEqual({
      code: 'LIMIT_EXCEEDED',
      message: 'validateWorkflow: the request body is larger than 5 MiB (limit messageBytes)',
    });

    const empty = await server.api('listWorkflows', undefined, { raw: '' });
    expect(empty.status).toBe(200);
  });

  it('reports health and sets nosniff', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { ok: true, version: expect.any(String) } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a page explaining how to build the UI when it is missing', async () => {
    const res = await fetch(`${server.url}/runs/123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('the web UI is not built: run npm run build');
  });

  it('serves the built UI with an SPA fallback, content types and cache headers', async () => {
    const index = await fetch(`${ui.url}/`);
    expect(await index.text()).toContain('switchyard ui');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");

    const route = await fetch(`${ui.url}/workflows/order`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('switchyard ui');

    const asset = await fetch(`${ui.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${ui.url}/assets/missing.js`)).status).toBe(404);

    const escape = await rawGet(`${ui.url}/..%2F..%2Fruns.db`, { host: new URL(ui.url).host });
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('SQLite');
  });

  it('refuses requests for other host names (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    expect((await rawGet(`${server.url}/api/health`, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await rawGet(`${server.url}/`, { host: 'evil.example' })).status).toBe(403);
    expect((await rawGet(`${server.url}/api/health`, { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawGet(`${server.url}/api/health`, { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses API calls from other origins', async () => {
    const res = await fetch(`${server.url}/api/listWorkflows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('streams the events of a run started after subscribing', async () => {
    await server.ok('saveWorkflow', { file: 'approval.flow.json', workflow: approvalFlow });
    const all = await openEventStream(`${server.url}/api/events`);
    const started = await server.ok('startRun', { file: 'approval.flow.json', input: { amount: 1 } });
    const only = await openEventStream(`${server.url}/api/events?runId=${started.runId}`);
    const other = await server.ok('startRun', { workflow: linearFlow, input: { n: 1 } });
    await server.ok('approve', { runId: started.runId, node: 'boss', decision: 'approved' });
    try {
      const seen = await all.waitFor((ms) =>
        ms.some((m) => m.runId === started.runId && m.events.some((e) => e.type === 'run.completed')),
      );
      const events = seen.filter((m) => m.runId === started.runId).flatMap((m) => m.events);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0]?.type).toBe('run.started');
      expect(seen.some((m) => m.runId === other.runId)).toBe(true);

      const filtered = await only.waitFor((ms) => ms.some((m) => m.events.some((e) => e.type === 'run.completed')));
      expect(new Set(filtered.map((m) => m.runId))).toEqual(new Set([started.runId]));
      expect(filtered.flatMap((m) => m.events).some((e) => e.type === 'approval.decided')).toBe(true);
    } finally {
      all.close();
      only.close();
    }
  });
});
