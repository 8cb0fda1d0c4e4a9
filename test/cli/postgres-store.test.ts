import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../../src/storage/postgres-cluster.test-support.js';
import { openEventStream } from '../http/event-stream.js';
import { makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { killCliProcesses, spawnCli } from './cli-process.js';
import { approvalFlow, linearFlow } from './flows.js';
import { startServe } from './serve-process.js';

const ws = makeWorkspace('switchyard-cli-pg-');
afterAll(ws.cleanup);
const postgres = usePostgres();
const env = { SWITCHYARD_USER: undefined, USER: 'tester', SWITCHYARD_STORE: undefined };

let store: string;
const onPostgres = (...args: string[]) => runCli([...args, '--store', store], { cwd: ws.dir, env });
const onSqlite = (file: string, ...args: string[]) => runCli([...args, '--db', file], { cwd: ws.dir, env });
const linear = writeFlow(ws.dir, 'linear', linearFlow);
const approval = writeFlow(ws.dir, 'approval', approvalFlow);

const seqs = (events: EventJson[]) => events.map((event) => event.seq);

describe.skipIf(!postgres.available)('the CLI on a PostgreSQL store (--store postgres://…)', () => {
  beforeAll(async () => {
    store = await postgres.freshStoreUrl();
    // On a shared store runs are driven by workers; `run` records and waits for the outcome. The
    // worker hardly polls: LISTEN/NOTIFY wakes it when a run is recorded.
    spawnCli(ws.dir, ['worker', '--store', store, '--poll-ms', '60000']);
  });
  afterAll(killCliProcesses);

  it('runs a workflow to completion; runs, history and state read it back; no SQLite file appears', async () => {
    const run = await onPostgres('run', linear, '--input', '{"name":"Ada"}', '--json');
    expect(run.code).toBe(0);
    const outcome = run.json as Outcome;
    // Recorded here, driven by the worker.
    expect(run.stderr).toContain(`run ${outcome.runId} recorded; a worker drives it`);
    expect(outcome).toMatchObject({ status: 'completed', output: { greeting: 'hello Ada', count: 2 } });

    const runs = (await onPostgres('runs', '--json')).json as { id: string; status: string }[];
    expect(runs).toContainEqual(expect.objectContaining({ id: outcome.runId, status: 'completed' }));
    const history = await onPostgres('history', outcome.runId, '--json');
    expect(history.code).toBe(0);
    const events = history.json as EventJson[];
    expect(seqs(events)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: 'run.completed' });
    const state = await onPostgres('state', outcome.runId, '--at', '3', '--json');
    expect(state.json).toMatchObject({ seq: 3, status: 'running', context: { input: { name: 'Ada' } } });
    expect(existsSync(join(ws.dir, 'switchyard.db'))).toBe(false);
  });

  it('leaves a run waiting for approval in the database; approve in another process completes it', async () => {
    const waiting = await onPostgres('run', approval, '--input', '{"amount":1200}');
    expect(waiting.code).toBe(3);
    const runId = /^run (\S+) waiting$/m.exec(waiting.stdout)?.[1] ?? '';
    // The follow-up commands name the same store, without its password.
    const storeWord = store.replace(`:${postgres.cluster.password}@`, '@');
    expect(waiting.stdout).toContain(`approve: switchyard approve ${runId} boss --store '${storeWord}'`);
    expect(waiting.stdout).not.toContain(postgres.cluster.password);

    const approved = await onPostgres('approve', runId, 'boss', '--by', 'ana', '--json');
    expect(approved.code).toBe(0);
    expect(approved.json).toMatchObject({ runId, status: 'completed', output: { decision: 'approved', by: 'ana' } });
    const again = await onPostgres('approve', runId, 'boss', '--by', 'ana');
    expect(again.code).toBe(2);
  });

  it('takes the store from SWITCHYARD_STORE, and refuses --store together with --db', async () => {
    const runs = await runCli(['runs', '--json'], { cwd: ws.dir, env: { ...env, SWITCHYARD_STORE: store } });
    expect(runs.code).toBe(0);
    expect((runs.json as unknown[]).length).toBeGreaterThanOrEqual(2);
    const both = await runCli(['runs', '--store', store, '--db', 'x.db'], { cwd: ws.dir, env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --store or --db, not both');
  });

  it('moves a run from PostgreSQL to a SQLite file and back with export-run / import-run, unchanged', async () => {
    const run = (await onPostgres('run', linear, '--input', '{"name":"Bo"}', '--json')).json as Outcome;
    const original = (await onPostgres('history', run.runId, '--json')).json as EventJson[];
    expect((await onPostgres('export-run', run.runId, '--out', 'from-pg.json')).code).toBe(0);
    expect((await onSqlite('copy.db', 'import-run', 'from-pg.json')).code).toBe(0);
    expect((await onSqlite('copy.db', 'history', run.runId, '--json')).json).toEqual(original);
    expect((await onSqlite('copy.db', 'state', run.runId, '--at', '4', '--json')).json).toEqual(
      (await onPostgres('state', run.runId, '--at', '4', '--json')).json,
    );

    const local = (await onSqlite('local.db', 'run', linear, '--input', '{"name":"Cy"}', '--json')).json as Outcome;
    expect((await onSqlite('local.db', 'export-run', local.runId, '--out', 'from-sqlite.json')).code).toBe(0);
    const imported = await onPostgres('import-run', 'from-sqlite.json', '--json');
    expect(imported.code).toBe(0);
    expect((await onPostgres('history', local.runId, '--json')).json).toEqual(
      (await onSqlite('local.db', 'history', local.runId, '--json')).json,
    );
    const listed = (await onPostgres('runs', '--json')).json as { id: string; imported?: boolean }[];
    expect(listed.find((r) => r.id === local.runId)).toMatchObject({ imported: true });
  });

  it('reports an unknown run, and a wrong password without repeating it (exit 2)', async () => {
    const unknown = await onPostgres('history', 'r_nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('run r_nope does not exist');
    const wrong = postgres.cluster.url(postgres.database, { password: 'n0t-the-Pw' });
    const refused = await runCli(['runs', '--store', wrong], { cwd: ws.dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `switchyard: run store postgres://postgres@127.0.0.1:${postgres.cluster.port}/${postgres.database}: ` +
        'password authentication failed for user "postgres" (28P01)\n',
    );
  });

  it('serve --store postgres://… records runs for the workers and serves the runs of the database', async () => {
    const server = await startServe(ws.dir, ['--store', store, '--workspace', ws.dir]);
    try {
      const { url } = server;
      const call = (method: string, params: unknown) => server.api<unknown>(method, params);
      const live = await openEventStream(`${url}/api/events`);
      const started = (await call('startRun', { file: linear, input: { name: 'Di' } })) as Outcome;
      expect(started).toMatchObject({ status: 'completed', output: { greeting: 'hello Di' } });
      // The worker drove it; the server's live view heard of every event through the store's notifications.
      try {
        const messages = await live.waitFor((all) =>
          all.some((m) => m.runId === started.runId && m.events.some((e) => e.type === 'run.completed')),
        );
        const seqs = messages.filter((m) => m.runId === started.runId).flatMap((m) => m.events.map((e) => e.seq));
        const last = Math.max(...seqs);
        expect(new Set(seqs)).toEqual(new Set(Array.from({ length: last }, (_, i) => i + 1)));
      } finally {
        live.close();
      }
      const runs = (await call('listRuns', {})) as { id: string }[];
      expect(runs.map((run) => run.id)).toContain(started.runId);
      // What the server wrote, the CLI reads from the same database.
      expect((await onPostgres('history', started.runId, '--json')).code).toBe(0);
    } finally {
      server.process.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });
});
