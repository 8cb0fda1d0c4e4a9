import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type Outcome } from './cli-harness.js';
import { approvalFlow, signalFlow } from './flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli([...args, '--db', 'signals.db'], { cwd: ws.dir });

const signal = writeFlow(ws.dir, 'signal', signalFlow);
const approval = writeFlow(ws.dir, 'approval', approvalFlow);

async function start(file: string): Promise<Outcome> {
  const r = await cli('run', file, '--json');
  expect(r.code).toBe(3);
  return r.json as Outcome;
}

describe('switchyard signal', () => {
  it('a wait node waits; the signal continues the run with its data', async () => {
    const started = await start(signal);
    expect(started.waitingOn).toEqual([expect.objectContaining({ node: 'payment', kind: 'wait' })]);
    const r = await cli('signal', started.runId, 'paid', '--data', '{"amount":5,"ref":"x-1"}', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      runId: started.runId,
      status: 'completed',
      output: { paid: { amount: 5, ref: 'x-1' } },
      error: null,
      waitingOn: [],
    });
  });

  it('takes the port named after the event', async () => {
    const started = await start(signal);
    const r = await cli('signal', started.runId, 'voided', '--json');
    expect(r.code).toBe(0);
    expect((r.json as Outcome).output).toBe('voided');
  });

  it('refuses an event nobody waits for: exit 2, nothing recorded', async () => {
    const started = await start(signal);
    const before = (await cli('history', started.runId, '--json')).json;
    const r = await cli('signal', started.runId, 'refunded');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: .*refunded/);
    expect((await cli('history', started.runId, '--json')).json).toEqual(before);
  });

  it('refuses malformed --data: exit 2', async () => {
    const started = await start(signal);
    const r = await cli('signal', started.runId, 'paid', '--data', '{oops');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: --data: not valid JSON/);
  });
});

describe('switchyard cancel', () => {
  it('cancels a waiting run: status cancelled, exit 0, later decisions refused', async () => {
    const started = await start(approval);
    const r = await cli('cancel', started.runId, '--reason', 'changed my mind', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ runId: started.runId, status: 'cancelled', waitingOn: [] });
    const events = (await cli('history', started.runId, '--json')).json as {
      type: string;
      data?: { reason?: string };
    }[];
    expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', data: { reason: 'changed my mind' } });
    const late = await cli('approve', started.runId, 'boss', '--by', 'ana');
    expect(late.code).toBe(2);
    const again = await cli('cancel', started.runId);
    expect(again.code).toBe(2);
  });
});
