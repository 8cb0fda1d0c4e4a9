/** Every example in assets/examples runs through the real CLI against a real SQLite file. */
import { createServer, type Server } from 'node:http';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, type CliResult } from './cli-harness.js';

const examples = resolve(import.meta.dirname, '../../assets/examples');
const ws = makeWorkspace('switchyard-examples-');
let server: Server;
let baseUrl = '';
let calls = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    calls += 1;
    if (req.url === '/users/7') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 7, name: 'Ada' }));
    } else {
      res.writeHead(500).end('down for maintenance');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  ws.cleanup();
});

const cli = (...args: string[]): Promise<CliResult> =>
  runCli([...args, '--json', '--db', 'examples.db'], { cwd: ws.dir });
const run = (name: string, input: unknown): Promise<CliResult> =>
  cli('run', join(examples, `${name}.flow.json`), '--input', JSON.stringify(input));
const outcome = (r: CliResult): { runId: string; status: string; output: unknown; error: { message: string } | null } =>
  r.json as { runId: string; status: string; output: unknown; error: { message: string } | null };

describe('assets/examples', () => {
  it('has at least 8 examples, each valid', async () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.flow.json'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files)
      expect((await runCli(['validate', join(examples, file)], { cwd: ws.dir })).code, file).toBe(0);
  });

  it('order-approval: small orders pass, large ones wait for an allowed approver', async () => {
    expect(outcome(await run('order-approval', { amount: 10 })).output).toEqual({ approved: true, by: 'policy' });
    const waiting = await run('order-approval', { amount: 5000, customer: 'ACME' });
    expect(waiting.code).toBe(3);
    const approved = await cli('approve', outcome(waiting).runId, 'boss', '--by', 'ana');
    expect(outcome(approved)).toMatchObject({ status: 'completed', output: { approved: true, by: 'ana' } });
  });

  it('data-pipeline: forEach with retries scores every record', async () => {
    const records = [
      { name: ' Ada ', value: 1 },
      { name: 'Bob', value: 2, flaky: true },
      { name: 'Cy', value: 3 },
    ];
    const result = outcome(await run('data-pipeline', { records }));
    expect(result.output).toMatchObject({ total: 12, count: 3 });
  });

  it('trip-booking-saga: a failure undoes the bookings in reverse order', async () => {
    const ok = await run('trip-booking-saga', { carAvailable: true });
    expect(outcome(ok).output).toEqual({ flight: 'FL-1', hotel: 'HT-7', car: 'CAR-3' });
    const failed = await run('trip-booking-saga', { carAvailable: false });
    expect(failed.code).toBe(1);
    const history = (await cli('history', outcome(failed).runId)).json as {
      type: string;
      node?: string;
      data?: Record<string, unknown>;
    }[];
    const entered = history.filter((e) => e.type === 'node.entered').map((e) => e.node);
    expect(entered.slice(-2)).toEqual(['cancelHotel', 'cancelFlight']);
    expect(history.at(-1)).toMatchObject({ type: 'run.failed', data: { compensated: true } });
  });

  it('fetch-user: calls the API, and takes the error port when it fails', async () => {
    expect(outcome(await run('fetch-user', { baseUrl, userId: 7 })).output).toEqual({ name: 'Ada', status: 200 });
    const before = calls;
    const down = outcome(await run('fetch-user', { baseUrl, userId: 8 }));
    expect(down.output).toMatchObject({ error: expect.stringContaining('answered 500') });
    expect(calls - before).toBe(3);
  });

  it('parallel-enrich: branches join, the credit branch only for companies', async () => {
    expect(outcome(await run('parallel-enrich', { name: 'Ada', company: true })).output).toEqual({
      country: 'PT',
      handle: '@ada',
      score: 710,
    });
    expect(outcome(await run('parallel-enrich', { name: 'Ada', company: false })).output).toEqual({
      country: 'PT',
      handle: '@ada',
    });
  });

  it('payment-signal: waits for a signal and continues with its data', async () => {
    const waiting = await run('payment-signal', { email: 'a@b.c' });
    expect(outcome(waiting).status).toBe('waiting');
    const paid = await cli('signal', outcome(waiting).runId, 'paid', '--data', '{"amount": 42}');
    expect(outcome(paid).output).toEqual({ paid: true, amount: 42 });
  });

  it('reminder-delay: a short delay is awaited, a long one leaves the run waiting', async () => {
    expect(outcome(await run('reminder-delay', { waitMs: 50 })).output).toBe('reminder after 50 ms');
    const long = await run('reminder-delay', { waitMs: 3_600_000 });
    expect(long.code).toBe(3);
  });

  it('ticket-router: the switch picks the queue', async () => {
    expect(outcome(await run('ticket-router', { priority: 'urgent' })).output).toBe('pager');
    expect(outcome(await run('ticket-router', { priority: 'low', topic: 'billing' })).output).toBe('billing-queue');
    expect(outcome(await run('ticket-router', { priority: 'low' })).output).toBe('general-queue');
  });

  it('retry-countdown: loops back to an earlier node until done', async () => {
    expect(outcome(await run('retry-countdown', { from: 3 })).output).toEqual([3, 2, 1]);
  });

  it('quote-race: the first branch wins and the slow one is cancelled', async () => {
    const result = await run('quote-race', {});
    expect(outcome(result)).toMatchObject({ status: 'completed', output: { supplier: 'fast', price: 100 } });
  });

  it('factorial-recursion: a subflow calls its own workflow', async () => {
    expect(outcome(await run('factorial-recursion', { n: 5 })).output).toBe(120);
  });
});
