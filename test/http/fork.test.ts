import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '#shared';
import { linearFlow } from './flows.js';
import { startTestServer, type TestServer } from './http-harness.js';

let server: TestServer;
let runId: string;
let history: HistoryEvent[];
const seqOf = (type: string, node: string): number =>
  history.find((e) => e.type === type && e.node === node)?.seq ?? -1;

beforeAll(async () => {
  server = await startTestServer();
  runId = (await server.ok('startRun', { workflow: linearFlow, input: { n: 21 } })).runId;
  history = await server.ok('getHistory', { runId });
});
afterAll(async () => {
  await server.close();
});

describe('what-if forks over HTTP', () => {
  it('forkRun changes a completed step output and the input; the fork records both changes', async () => {
    const forked = await server.ok('forkRun', {
      runId,
      seq: seqOf('node.completed', 'double'),
      outputs: { double: 7 },
    });
    expect(forked).toMatchObject({ status: 'completed', output: { result: 7, n: 21 } });
    const [started] = await server.ok('getHistory', { runId: forked.runId, toSeq: 1 });
    expect(started?.data).toMatchObject({ changes: { outputs: { double: 7 } } });

    const seq = seqOf('node.completed', 'start');
    const again = await server.ok('forkRun', { runId, seq, input: { n: 5 }, detach: true });
    const done = await server.ok('getRun', { runId: again.runId });
    expect(done.run).toMatchObject({ input: { n: 5 }, parentRun: runId, forkSeq: seq });
    const [first] = await server.ok('getHistory', { runId: again.runId, toSeq: 1 });
    expect(first?.data).toMatchObject({ input: { n: 5 }, changes: { input: { n: 5 } } });
  });

  it('refuses changes that do not fit with 400 and a code, detached or not, and starts nothing', async () => {
    const before = (await server.ok('listRuns', {})).length;
    const afterStart = seqOf('node.completed', 'start');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ seq: afterStart, outputs: { double: 1 } }, 'INVALID_FORK_CHANGE', /it has not run by then/],
      [{ seq: afterStart, outputs: { dubble: 1 }, detach: true }, 'INVALID_FORK_CHANGE', /did you mean double\?/],
      [{ seq: afterStart, input: { n: 'x' } }, 'INVALID_INPUT', /input\.n/],
      [{ seq: afterStart, outputs: [1] }, 'BAD_USAGE', /outputs/],
      [{ seq: afterStart, steps: {} }, 'BAD_USAGE', /steps/],
    ];
    for (const [params, code, message] of cases) {
      const reply = await server.api('forkRun', { runId, ...params });
      expect(reply.status, JSON.stringify(params)).toBe(400);
      expect(reply.body.error?.code, JSON.stringify(params)).toBe(code);
      expect(reply.body.error?.message, JSON.stringify(params)).toMatch(message);
    }
    expect(await server.ok('listRuns', {})).toHaveLength(before);
  });
});
