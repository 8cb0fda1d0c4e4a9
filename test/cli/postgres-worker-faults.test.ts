/**
 * Workers on PostgreSQL under faults (issue 11, "Bad input and faults"): two engines racing for
 * one run; a lease lost while a task runs (the loser's late result is refused, before and after
 * the taker finished); the database away while a worker idles and while it drives a run. A
 * connection dropped mid-append is src/storage/postgres-faults.test.ts's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowFile, openHost, type Host } from '#backend';
import { RunLeasedError, type Logger, type RunOutcome } from '#engine';
import type { HistoryEvent, Workflow } from '#shared';
import { PostgresRunStore } from '#storage';
import { usePostgres } from '../../src/storage/postgres-cluster.test-support.js';
import { chain, flow, makeWorkspace, runCli, writeFlow } from './cli-harness.js';
import { startRecordingServer, type ReceivedRequest, type RecordingServer } from './recording-server.js';
import { openTcpGate, type TcpGate } from './tcp-gate.js';
import { expectGapless, killWorkers, startWorker, until, untilReady } from './worker-process.js';

const postgres = usePostgres();
const ws = makeWorkspace('switchyard-pg-faults-');
const env = { SWITCHYARD_STORE: undefined };
const quiet: Logger = { log: () => undefined };

let server: RecordingServer;
/** How the server answers the current test's requests. */
let answer: (request: ReceivedRequest) => Promise<unknown>;
let file: string;
let napping: string;
let workflow: Workflow;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** start → call (GET BASE/call/{{ input.n }}) → done, whose output is the body of the answer. */
const callFlow = (base: string) =>
  flow('one-call', {
    nodes: [
      { id: 'start', kind: 'start' },
      { id: 'call', kind: 'http', config: { method: 'GET', url: `${base}/call/{{ input.n }}` } },
      { id: 'done', kind: 'end', config: { output: 'steps.call.output.body' } },
    ],
    edges: chain('start', 'call', 'done'),
  });

/** start → nap (a 4 s delay) → done */
const napFlow = flow('napping', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'nap', kind: 'delay', config: { ms: 4000 } },
    { id: 'done', kind: 'end', config: { output: "'rested'" } },
  ],
  edges: chain('start', 'nap', 'done'),
});

/** Records a run of `flowFile` (default: callFlow's) with `run --detach`; its id. */
async function detach(store: string, n: number, flowFile = file): Promise<string> {
  const result = await runCli(['run', flowFile, '--input', JSON.stringify({ n }), '--detach', '--store', store], {
    cwd: ws.dir,
    env,
  });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** The run's history is 1..n and every node of callFlow ran to completion once. */
function expectRanOnce(events: readonly HistoryEvent[]): void {
  expectGapless(events);
  const nodes = (type: string) => events.filter((e) => e.type === type).map((e) => e.node);
  expect(nodes('node.entered')).toEqual(['start', 'call', 'done']);
  expect(nodes('node.completed')).toEqual(['start', 'call', 'done']);
  expect(events.filter((e) => e.type === 'run.completed')).toHaveLength(1);
}

async function withReader<T>(store: string, read: (reader: PostgresRunStore) => Promise<T>): Promise<T> {
  const reader = await PostgresRunStore.open(store);
  try {
    return await read(reader);
  } finally {
    await reader.close();
  }
}

/** A worker's arguments on `store`: short leases and polls, so that faults show within seconds. */
const workerArgs = (store: string, name: string) => [
  ...['--store', store, '--name', name, '--concurrency', '2'],
  ...['--lease-ms', '1000', '--poll-ms', '100'],
];

describe.skipIf(!postgres.available)('switchyard workers on PostgreSQL under faults', () => {
  beforeAll(async () => {
    server = await startRecordingServer((request) => answer(request));
    file = writeFlow(ws.dir, 'one-call', callFlow(server.base));
    workflow = loadWorkflowFile(`${ws.dir}/${file}`).workflow;
    napping = writeFlow(ws.dir, 'napping', napFlow);
  });

  afterAll(async () => {
    killWorkers();
    await server?.close();
    ws.cleanup();
  });

  describe('two engines racing for one run', () => {
    const hosts: Host[] = [];
    let store: string;
    beforeAll(async () => {
      store = await postgres.freshStoreUrl();
      for (const owner of ['a', 'b'])
        hosts.push(await openHost({ location: { kind: 'postgres', url: store }, owner, leaseMs: 5000, logger: quiet }));
    });
    afterAll(async () => {
      for (const host of hosts.splice(0)) await host.close();
    });

    /** What a worker does once: claim what is due, drive it. */
    const claimAndDrive = async (host: Host): Promise<RunOutcome[]> =>
      Promise.all((await host.engine.claimDue(4)).map((runId) => host.engine.driveClaimed(runId)));

    it('claimDue hands each run to exactly one of them, which drives it once', async () => {
      answer = async (request) => {
        await sleep(100);
        return { path: request.path };
      };
      const [a, b] = hosts as [Host, Host];
      const first = server.requests.length;
      const winners: string[] = [];
      for (let n = 0; n < 6; n++) {
        const { runId } = await a.engine.start(workflow, { n }, { detach: true });
        const [byA, byB] = await Promise.all([claimAndDrive(a), claimAndDrive(b)]);
        expect([...byA, ...byB]).toEqual([
          { runId, status: 'completed', output: { path: `/call/${n}` }, error: null, waitingOn: [] },
        ]);
        winners.push(byA.length > 0 ? 'a' : 'b');
        expectRanOnce(await a.store.events(runId));
      }
      expect(server.requests.slice(first).map((r) => r.path)).toEqual([0, 1, 2, 3, 4, 5].map((n) => `/call/${n}`));
      console.log(`claimDue races won by ${winners.join(', ')}`);
    });

    it('of two resumes at once, one drives the run; the other is refused (CONFLICT) before it records anything', async () => {
      answer = async (request) => {
        await sleep(300);
        return { path: request.path };
      };
      const [a, b] = hosts as [Host, Host];
      const { runId } = await a.engine.start(workflow, { n: 99 }, { detach: true });
      const results = await Promise.allSettled([a.engine.resume(runId), b.engine.resume(runId)]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toEqual([expect.objectContaining({ runId, status: 'completed', output: { path: '/call/99' } })]);
      expect(refused).toHaveLength(1);
      const winner = results[0]?.status === 'fulfilled' ? 'a' : 'b';
      expect(refused[0]).toBeInstanceOf(RunLeasedError);
      expect(refused[0]).toMatchObject({ code: 'CONFLICT', lease: { owner: winner } });
      expectRanOnce(await b.store.events(runId));
    });
  });

  describe('a lease lost while a task runs', () => {
    /**
     * Worker a calls the (held) server and is paused (SIGSTOP) before the answer: it cannot renew
     * its lease, so worker b claims the run once it expired and calls again (held too).
     */
    async function loseLeaseMidTask(n: number) {
      const store = await postgres.freshStoreUrl();
      const held: ((body: unknown) => void)[] = [];
      answer = (request) => new Promise((resolve) => (held[request.index] = resolve));
      const first = server.requests.length;
      const runId = await detach(store, n);
      const a = startWorker(ws.dir, workerArgs(store, 'a'));
      await until(() => server.requests.length === first + 1, "worker a's request");
      a.process.kill('SIGSTOP');
      const b = startWorker(ws.dir, workerArgs(store, 'b'));
      await until(() => server.requests.length === first + 2, "worker b's request after a's lease expired");
      expect(await withReader(store, (reader) => reader.leaseOf(runId))).toMatchObject({ owner: 'b' });
      const answerA = async () => {
        a.process.kill('SIGCONT');
        held[first]?.({ answeredTo: 'a' });
        await until(() => a.stderr().includes(`[error] run ${runId}: `), "a's refused append");
      };
      const answerB = async () => {
        held[first + 1]?.({ answeredTo: 'b' });
        await until(() => b.lines.length > 0, 'b to finish the run');
      };
      /** b's answer is the one recorded, once; a recorded nothing and both drain on SIGTERM. */
      const expectOnlyB = async () => {
        expect(b.lines).toEqual([expect.objectContaining({ runId, status: 'completed', output: { answeredTo: 'b' } })]);
        for (const worker of [a, b]) worker.process.kill('SIGTERM');
        expect([await a.exited, await b.exited]).toEqual([0, 0]);
        expect(a.lines).toEqual([]);
        const calls = server.requests.slice(first).map((r) => [r.path, r.idempotencyKey, r.attempt]);
        expect(calls).toEqual([0, 1].map(() => [`/call/${n}`, `${runId}:call:1`, '1']));
        const events = await withReader(store, (reader) => reader.events(runId));
        expectRanOnce(events);
        expect(events.find((e) => e.type === 'node.completed' && e.node === 'call')?.data).toMatchObject({
          output: { body: { answeredTo: 'b' } },
        });
      };
      return { runId, a, answerA, answerB, expectOnlyB };
    }

    it("refuses the loser's late result while the taker still drives the run", async () => {
      const { runId, a, answerA, answerB, expectOnlyB } = await loseLeaseMidTask(1);
      await answerA();
      expect(a.stderr()).toContain(
        `[error] run ${runId}: run "${runId}" is leased to b; a may not append to it (its lease was lost)\n`,
      );
      await answerB();
      await expectOnlyB();
    });

    it("refuses the loser's late result after the taker finished the run, as a lost lease", async () => {
      const { runId, a, answerA, answerB, expectOnlyB } = await loseLeaseMidTask(2);
      await answerB();
      await answerA();
      // a entered the call at seq 4; b recorded its answer, the end and the run's completion (5–8).
      expect(a.stderr()).toContain(
        `[error] run ${runId}: run "${runId}" moved on to seq 8 without a (its lease was lost); its events from seq 5 are not recorded\n`,
      );
      await expectOnlyB();
    });
  });

  describe('the database unreachable for a while', () => {
    /** A fresh store, reached directly and through a TCP gate that the test cuts and restores. */
    async function behindGate() {
      const direct = await postgres.freshStoreUrl();
      const gate = await openTcpGate(postgres.cluster.port);
      gates.push(gate);
      const store = direct.replace(`:${postgres.cluster.port}/`, `:${gate.port}/`);
      const label = `run store postgres://postgres@127.0.0.1:${gate.port}/${postgres.database}`;
      return { direct, gate, store, label };
    }
    const gates: TcpGate[] = [];
    afterEach(async () => {
      for (const gate of gates.splice(0)) await gate.cut();
    });

    it('keeps an idle worker retrying with a clear error; it carries on once the database is back', async () => {
      answer = async (request) => ({ path: request.path });
      const { direct, gate, store, label } = await behindGate();
      const refused = `${label}: cannot connect: connect ECONNREFUSED 127.0.0.1:${gate.port}`;
      const worker = startWorker(ws.dir, workerArgs(store, 'idle'));
      await untilReady(worker);
      await gate.cut();
      const failures = () =>
        worker
          .stderr()
          .split('\n')
          .filter((line) => line.includes('claiming due runs failed'));
      await until(() => failures().length >= 3, 'three failed claims');
      expect(worker.process.exitCode).toBeNull();
      expect(failures()).toContain(`[error] claiming due runs failed: ${refused}`);
      // Its LISTEN connection went with the database; it says so, and listens again once it is back.
      expect(worker.stderr()).toContain("the store's change notifications stopped, polling until they are back");
      for (const line of failures()) expect(line).toMatch(`[error] claiming due runs failed: ${label}: `);

      // Commands that start while it is away fail at once, saying where (exit 2).
      const recording = await runCli(['run', file, '--input', '{"n": 7}', '--detach', '--store', store], {
        cwd: ws.dir,
        env,
      });
      const another = await runCli(['worker', '--store', store, '--until-idle'], { cwd: ws.dir, env });
      for (const result of [recording, another]) {
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`switchyard: ${refused}\n`);
      }

      await gate.restore();
      const runId = await detach(direct, 7);
      await until(() => worker.lines.length > 0, 'the worker to drive the run recorded after the outage');
      expect(worker.lines).toEqual([
        expect.objectContaining({ runId, status: 'completed', output: { path: '/call/7' } }),
      ]);
      worker.process.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.stderr()).not.toContain(postgres.cluster.password);
    });

    it('keeps renewing the lease of a run it drives once the database is back; no other worker takes it', async () => {
      const { direct, gate, store } = await behindGate();
      const leaseMs = 3000;
      const args = (url: string, name: string) => [
        ...['--store', url, '--name', name, '--lease-ms', String(leaseMs), '--poll-ms', '100', '--max-wait', '10000'],
      ];
      const busy = startWorker(ws.dir, args(store, 'busy'));
      const runId = await detach(direct, 0, napping);
      await withReader(direct, async (reader) => {
        const entered = async () => (await reader.events(runId)).some((e) => e.node === 'nap');
        await until(entered, 'the worker to enter the delay');
        const cutAt = Date.now();
        await gate.cut();
        // Away until a renewal failed (they come every third of a lease): two thirds of the lease remain.
        await until(() => /renewing .*failed/.test(busy.stderr()), 'a renewal to fail');
        await gate.restore();
        const other = startWorker(ws.dir, args(direct, 'other'));
        const renewedAfterCut = async () => {
          const lease = await reader.leaseOf(runId);
          return lease?.owner === 'busy' && Date.parse(lease.expiresAt) > cutAt + leaseMs;
        };
        await until(renewedAfterCut, 'busy to renew its lease after the outage', leaseMs);
        await until(() => busy.lines.length > 0, 'busy to finish the run');
        expect(busy.lines).toEqual([expect.objectContaining({ runId, status: 'completed', output: 'rested' })]);
        for (const worker of [busy, other]) worker.process.kill('SIGTERM');
        expect([await busy.exited, await other.exited]).toEqual([0, 0]);
        expect(other.lines).toEqual([]);
        const events = await reader.events(runId);
        expectGapless(events);
        expect(events.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
        expect(events.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['start', 'nap', 'done']);
      });
      expect(busy.stderr()).toContain(`[warn] run ${runId}: renewing the lease of busy failed, will retry: run store `);
    });
  });
});
