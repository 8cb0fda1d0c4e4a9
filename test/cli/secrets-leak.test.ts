/**
 * Secrets never leak (issue "Workflows that start themselves"): workflows that use an
 * environment secret and a secrets-file secret run through every path — success, an HTTP error,
 * a script error, a retry, a log line, export-run, history, `serve` and its live events — and
 * every byte written (the store files, exported bundles, stdout, stderr, the event stream) is
 * searched for the values. The server the workflows call must have received them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../http/event-stream.js';
import { flow, makeWorkspace, runCli, writeFlow, type CliResult, type Outcome } from './cli-harness.js';
import { startServe } from './serve-process.js';

const ENV_SECRET = 'env-secret-Zq81xW';
const FILE_SECRET = 'file-secret-Kp27vB';
const ws = makeWorkspace('switchyard-leak-');
const workspace = join(ws.dir, 'flows');
const secretsFile = join(ws.dir, 'secrets.json');
const env = { SWITCHYARD_SECRET_API_TOKEN: ENV_SECRET, SWITCHYARD_SECRETS_FILE: secretsFile };
const printed: string[] = [];
const received: string[] = [];
let server: Server;
let base = '';

/** Echoes every request back (headers and URL: the worst case); /fail answers 500 with the URL, /flaky fails once. */
function echo(): Promise<void> {
  let flaky = 0;
  server = createServer((req, res) => {
    const seen = JSON.stringify({ url: req.url, authorization: req.headers.authorization, key: req.headers['x-key'] });
    received.push(seen);
    const failing = req.url?.startsWith('/fail') === true || (req.url?.startsWith('/flaky') === true && flaky++ === 0);
    res.writeHead(failing ? 500 : 200, {
      'content-type': 'application/json',
      'x-echo': req.headers.authorization ?? '',
    });
    res.end(seen);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

const call = (path: string, extra: Record<string, unknown> = {}) => ({
  kind: 'http',
  config: {
    method: 'POST',
    url: `${base}${path}?token={{ secret.API_TOKEN }}`,
    headers: { Authorization: 'Bearer {{ secret.API_TOKEN }}', 'X-Key': "{{ $secret('DB_PASSWORD') }}" },
    body: "{ 'password': $secret('DB_PASSWORD') }",
  },
  ...extra,
});

function flows(): Record<string, Record<string, unknown>> {
  const chain = (id: string, nodes: Record<string, unknown>[]) =>
    flow(id, {
      nodes: [{ id: 'start', kind: 'start' }, ...nodes],
      edges: [
        { from: 'start', to: String(nodes[0]?.['id']) },
        ...nodes.slice(1).map((n, i) => ({ from: String(nodes[i]?.['id']), to: String(n['id']) })),
      ],
    });
  return {
    success: chain('success', [
      { id: 'send', ...call('/ok') },
      {
        id: 'say',
        kind: 'log',
        config: { message: 'sent with {{ secret.API_TOKEN }} and {{ $secret("DB_PASSWORD") }}' },
      },
      { id: 'done', kind: 'end', config: { output: 'steps.send.output' } },
    ]),
    'http-error': chain('http-error', [
      { id: 'send', ...call('/fail') },
      { id: 'done', kind: 'end' },
    ]),
    retry: chain('retry', [
      { id: 'send', ...call('/flaky', { retry: { maxAttempts: 3, delayMs: 10 } }) },
      { id: 'done', kind: 'end', config: { output: 'steps.send.output.body' } },
    ]),
    'script-error': chain('script-error', [
      { id: 'send', ...call('/ok') },
      { id: 'boom', kind: 'script', config: { code: 'throw new Error("got " + JSON.stringify(steps.send.output));' } },
      { id: 'done', kind: 'end' },
    ]),
  };
}

const cli = async (args: string[]): Promise<CliResult> => {
  const result = await runCli([...args, '--db', 'runs.db', '--debug'], { cwd: ws.dir, env });
  printed.push(result.stdout, result.stderr);
  return result;
};

beforeAll(async () => {
  await echo();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(workspace);
  writeFileSync(secretsFile, JSON.stringify({ DB_PASSWORD: FILE_SECRET }));
  chmodSync(secretsFile, 0o600);
  for (const [name, doc] of Object.entries(flows())) writeFlow(workspace, name, doc);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  ws.cleanup();
});

describe('secrets never leak', () => {
  it('runs every path through the CLI and serve, and no byte written holds a secret value', async () => {
    const outcomes: Outcome[] = [];
    for (const name of Object.keys(flows())) {
      const result = await cli(['run', join('flows', `${name}.flow.json`), '--json']);
      outcomes.push(result.json as Outcome);
    }
    expect(outcomes.map((o) => o.status)).toEqual(['completed', 'failed', 'completed', 'failed']);
    expect(outcomes[0]?.output).toMatchObject({ body: { authorization: 'Bearer ***', key: '***' } });
    expect(outcomes[1]?.error?.message).toContain('?token=*** answered 500');
    for (const outcome of outcomes) {
      await cli(['history', outcome.runId, '--json']);
      await cli(['export-run', outcome.runId, '--out', join(ws.dir, `${outcome.runId}.bundle.json`)]);
    }

    const serve = await startServe(ws.dir, ['--db', 'runs.db', '--workspace', workspace], env);
    try {
      const stream = await openEventStream(`${serve.url}/api/events`);
      const started = await fetch(`${serve.url}/api/startRun`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ file: 'success.flow.json', input: {} }),
      });
      const answer = await started.text();
      printed.push(answer);
      expect(answer).toContain('Bearer ***');
      await stream.waitFor((messages) => messages.some((m) => m.events.some((e) => e.type === 'run.completed')));
      printed.push(JSON.stringify(stream.messages));
      stream.close();
      const listed = await fetch(`${serve.url}/api/listSecrets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const secrets = await listed.text();
      printed.push(secrets);
      expect(JSON.parse(secrets)).toEqual({
        data: {
          secrets: [
            { name: 'API_TOKEN', source: 'environment' },
            { name: 'DB_PASSWORD', source: 'file' },
          ],
          writable: 'file',
        },
      });
    } finally {
      serve.process.kill('SIGTERM');
      await serve.exited;
      printed.push(serve.stdout(), serve.stderr());
    }

    // The secrets were used: the server got them.
    expect(received.join('\n')).toContain(`Bearer ${ENV_SECRET}`);
    expect(received.join('\n')).toContain(FILE_SECRET);
    const written = readdirSync(ws.dir)
      .filter((f) => f.startsWith('runs.db') || f.endsWith('.bundle.json'))
      .map((f) => readFileSync(join(ws.dir, f)).toString('latin1'));
    expect(written.length).toBeGreaterThanOrEqual(5);
    for (const text of [...written, ...printed]) {
      expect(text).not.toContain(ENV_SECRET);
      expect(text).not.toContain(FILE_SECRET);
    }
  });

  it('fails a node with SECRET_MISSING naming the secret, printing no other secret', async () => {
    const file = writeFlow(
      workspace,
      'missing',
      flow('missing', {
        nodes: [
          { id: 'start', kind: 'start' },
          { id: 'use', kind: 'transform', config: { output: "$secret('NOT_THERE') & $secret('API_TOKEN')" } },
          { id: 'done', kind: 'end' },
        ],
        edges: [
          { from: 'start', to: 'use' },
          { from: 'use', to: 'done' },
        ],
      }),
    );
    const result = await cli(['run', join('flows', file), '--json']);
    expect(result.json).toMatchObject({
      status: 'failed',
      error: {
        code: 'SECRET_MISSING',
        message: `node use: config.output: secret NOT_THERE is not set (add it to ${secretsFile} or set SWITCHYARD_SECRET_NOT_THERE)`,
      },
    });
    expect(result.stdout + result.stderr).not.toContain(ENV_SECRET);
  });

  it('refuses a secrets file others can read, before running anything', async () => {
    chmodSync(secretsFile, 0o644);
    try {
      const result = await cli(['run', join('flows', 'success.flow.json')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`secrets file ${secretsFile} can be read by other users (mode 644)`);
    } finally {
      chmodSync(secretsFile, 0o600);
    }
  });
});
