import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, flow, makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';

interface Received {
  url: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const ws = makeWorkspace();
const received: Received[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      received.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      if (req.url === '/broken') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, echo: body === '' ? null : JSON.parse(body) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  ws.cleanup();
});

const cli = (...args: string[]) => runCli([...args, '--db', 'http.db'], { cwd: ws.dir });

function callFlow(id: string, call: Record<string, unknown>, extraNodes: unknown[] = [], edges?: unknown[]) {
  return flow(id, {
    nodes: [
      { id: 'start', kind: 'start' },
      { id: 'call', kind: 'http', ...call },
      { id: 'done', kind: 'end', config: { output: 'steps.call.output' } },
      ...extraNodes,
    ],
    edges: edges ?? chain('start', 'call', 'done'),
  });
}

describe('http node through the CLI', () => {
  it('posts the body, parses a JSON answer, sends Idempotency-Key RUNID:NODEID:1', async () => {
    received.length = 0;
    const file = writeFlow(
      ws.dir,
      'post',
      callFlow('post', {
        config: { method: 'POST', url: `${base}/orders/{{ input.id }}`, body: "{ 'qty': input.qty }" },
      }),
    );
    const r = await cli('run', file, '--input', '{"id":"o-1","qty":3}', '--json');
    expect(r.code).toBe(0);
    const outcome = r.json as Outcome;
    expect(outcome.output).toMatchObject({ status: 200, body: { ok: true, echo: { qty: 3 } } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/orders/o-1', body: '{"qty":3}' });
    expect(received[0]?.headers['idempotency-key']).toBe(`${outcome.runId}:call:1`);
    expect(received[0]?.headers['content-type']).toContain('application/json');
  });

  it('retries a 500 answer maxAttempts times, then takes the error port', async () => {
    received.length = 0;
    const doc = callFlow(
      'retry',
      { retry: { maxAttempts: 3, delayMs: 10 }, config: { method: 'GET', url: `${base}/broken` } },
      [
        {
          id: 'handled',
          kind: 'end',
          config: { output: "{ 'handled': steps.call.error.message, 'attempts': steps.call.attempts }" },
        },
      ],
      [...chain('start', 'call', 'done'), { from: 'call', port: 'error', to: 'handled' }],
    );
    const r = await cli('run', writeFlow(ws.dir, 'retry', doc), '--json');
    expect(r.code).toBe(0);
    const outcome = r.json as Outcome;
    expect(received.map((q) => q.url)).toEqual(['/broken', '/broken', '/broken']);
    // Every retry of one entry sends the entry's key (DESIGN §4), and its attempt apart.
    expect(received.map((q) => q.headers['idempotency-key'])).toEqual([1, 1, 1].map(() => `${outcome.runId}:call:1`));
    expect(received.map((q) => q.headers['switchyard-attempt'])).toEqual(['1', '2', '3']);
    expect(outcome.output).toMatchObject({ attempts: 3 });
    expect(String((outcome.output as { handled: unknown }).handled)).toContain('500');

    const events = (await cli('history', outcome.runId, '--json')).json as EventJson[];
    const failures = events.filter((e) => e.type === 'node.failed' && e.node === 'call');
    expect(failures.map((e) => e.data?.['willRetry'])).toEqual([true, true, false]);
    expect(events.filter((e) => e.type === 'node.retrying').map((e) => e.data?.['attempt'])).toEqual([2, 3]);
    expect(events.find((e) => e.type === 'node.completed' && e.node === 'call')).toBeUndefined();
  });

  it('fails the run with one clear line naming the URL when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const r = await cli(
      'run',
      writeFlow(ws.dir, 'down', callFlow('down', { config: { method: 'GET', url } })),
      '--json',
    );
    expect(r.code).toBe(1);
    const outcome = r.json as Outcome;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toContain(url);
    expect(outcome.error?.message).not.toContain('\n');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
