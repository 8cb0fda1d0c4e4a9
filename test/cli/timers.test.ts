import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { delayFlow } from './flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli([...args, '--db', 'timers.db'], { cwd: ws.dir });

describe('durable timers', () => {
  it('a delay longer than --max-wait leaves the run waiting; resume completes it once due', async () => {
    const started = await cli('run', writeFlow(ws.dir, 'delay', delayFlow), '--max-wait', '0', '--json');
    expect(started.code).toBe(3);
    const outcome = started.json as Outcome;
    expect(outcome.status).toBe('waiting');
    expect(outcome.waitingOn).toEqual([expect.objectContaining({ node: 'pause', kind: 'delay' })]);

    // Not due yet: a resume that may not wait leaves it waiting.
    const early = await cli('resume', '--max-wait', '0', '--json');
    expect(early.code).toBe(0);
    expect(early.json).toEqual([expect.objectContaining({ runId: outcome.runId, status: 'waiting' })]);

    await sleep(1600);
    const resumed = await cli('resume', '--json');
    expect(resumed.code).toBe(0);
    expect(resumed.json).toEqual([
      { runId: outcome.runId, status: 'completed', output: 'woke up', error: null, waitingOn: [] },
    ]);

    const events = (await cli('history', outcome.runId, '--json')).json as EventJson[];
    expect(events).toContainEqual(expect.objectContaining({ type: 'timer.fired', node: 'pause' }));
    expect(events.at(-1)?.type).toBe('run.completed');

    const idle = await cli('resume');
    expect(idle.code).toBe(0);
    expect(idle.stdout).toBe('no runs to resume\n');
  });
});
