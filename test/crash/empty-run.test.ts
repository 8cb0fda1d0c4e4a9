/**
 * A run row without history: what a build that created runs in two commits left behind when it
 * was killed between them (kill9.test.ts hit it about once in 70 kills before the engine made
 * creation atomic). `resume` may leave such a run `running` with no events, or start it from
 * its recorded input; it must never complete it with a history that lacks run.started or with
 * an output the workflow never computed.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workflow } from '#shared';
import { SqliteRunStore } from '#storage';
import { makeWorkspace, runCli, type EventJson } from '../cli/cli-harness.js';

const ws = makeWorkspace('switchyard-empty-run-');
afterAll(ws.cleanup);

const workflow = Workflow.parse({
  format: 'switchyard/workflow@1',
  id: 'tiny',
  name: 'tiny',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'done', kind: 'end', config: { output: "'computed ' & input.n" } },
  ],
  edges: [{ from: 'start', to: 'done' }],
});

describe('a run killed between createRun and run.started', () => {
  it('resume leaves it running without events, or starts it properly; never completes it blind', async () => {
    const store = SqliteRunStore.open(join(ws.dir, 'empty.db'));
    await store.createRun(
      {
        id: 'r_cut',
        workflowId: 'tiny',
        version: 1,
        status: 'running',
        input: { n: 1 },
        startedAt: new Date().toISOString(),
      },
      workflow,
    );
    store.close();
    const cli = (...args: string[]) => runCli([...args, '--db', 'empty.db'], { cwd: ws.dir });

    expect((await cli('resume', '--json')).code).toBe(0);
    const events = (await cli('history', 'r_cut', '--json')).json as EventJson[];
    const run = ((await cli('runs', '--json')).json as { id: string; status: string; output?: unknown }[])[0];
    if (events.length === 0) {
      expect(run).toMatchObject({ id: 'r_cut', status: 'running' });
      return;
    }
    expect(events[0]?.type, 'the history begins with run.started').toBe('run.started');
    expect(events.at(-1)).toMatchObject({ type: 'run.completed', data: { output: 'computed 1' } });
    expect(run).toMatchObject({ id: 'r_cut', status: 'completed', output: 'computed 1' });
  });
});
