import { afterAll, describe, expect, it } from 'vitest';
import { flow, makeWorkspace, runCli, writeFlow } from '../cli/cli-harness.js';
import { killWorkers, startWorker, until } from '../cli/worker-process.js';

const ws = makeWorkspace('switchyard-triggers-');
afterAll(() => {
  killWorkers();
  ws.cleanup();
});

const cli = (...args: string[]) => runCli([...args, '--db', 'triggers.db'], { cwd: ws.dir });

function withTriggers(id: string, triggers: unknown[]): Record<string, unknown> {
  return {
    ...flow(id, {
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'done', kind: 'end', config: { output: 'input' } },
      ],
      edges: [{ from: 'start', to: 'done' }],
    }),
    triggers,
  };
}

const daily = { id: 'daily', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' };
const hook = (path: string) => ({ id: 'hook', kind: 'webhook', path, auth: { type: 'bearer', secret: 'TOKEN' } });

describe('switchyard validate, deploy and triggers', () => {
  it('validate names a bad cron and a bad time zone by trigger and field', async () => {
    const file = writeFlow(
      ws.dir,
      'bad',
      withTriggers('bad', [
        { id: 'a', kind: 'schedule', cron: '0 25 * * *', timezone: 'UTC' },
        { id: 'b', kind: 'schedule', cron: '0 9 * * *', timezone: 'Europe/Berlinn' },
      ]),
    );
    const result = await runCli(['validate', file], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('bad.flow.json: trigger a: cron: invalid cron expression "0 25 * * *"');
    expect(result.stdout).toContain('bad.flow.json: trigger b: timezone: unknown time zone "Europe/Berlinn"');
  });

  it('deploys a workflow, lists its triggers with the next fire time, refuses a taken webhook path', async () => {
    const first = writeFlow(ws.dir, 'orders', withTriggers('orders', [daily, hook('orders')]));
    const deployed = await cli('deploy', first, '--json');
    expect(deployed).toMatchObject({ code: 0, json: { deployed: 'orders' } });
    const clash = writeFlow(ws.dir, 'other', withTriggers('other', [hook('orders')]));
    const refused = await cli('deploy', clash);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('webhook path "orders" is used by trigger hook of deployed orders');
    expect(refused.stderr).toContain('(workflow other)');
  });

  it('triggers: a table and --json, for the workspace and the deployed workflows', async () => {
    const json = await cli('triggers', '--json');
    expect(json.code).toBe(0);
    const rows = json.json as {
      source: string;
      workflowId: string;
      trigger: { id: string };
      nextFireAt: string | null;
    }[];
    // The workspace (this folder) has orders and other (whose path clashes, so it is invalid), and orders is deployed.
    const deployed = rows.filter((row) => row.source === 'deployed orders');
    expect(deployed.map((row) => row.trigger.id)).toEqual(['daily', 'hook']);
    const next = deployed[0]?.nextFireAt ?? '';
    expect(new Date(next).getUTCMinutes()).toBe(0);
    expect(Date.parse(next)).toBeGreaterThan(Date.now());
    const table = await cli('triggers');
    expect(table.stdout).toMatch(/WORKFLOW\s+TRIGGER\s+KIND\s+WHEN\s+NEXT FIRE\s+LAST RUN\s+SOURCE/);
    expect(table.stdout).toMatch(/orders\s+daily\s+schedule\s+0 9 \* \* 1-5 \(Europe\/Berlin\)/);
    expect(table.stdout).toMatch(/orders\s+hook\s+webhook\s+POST \/hooks\/orders \(auth bearer\)/);
  });

  it('a worker fires the schedules of deployed workflows; runs and triggers show the run', async () => {
    const file = writeFlow(
      ws.dir,
      'ticker',
      withTriggers('ticker', [
        { id: 'sec', kind: 'schedule', cron: '* * * * * *', timezone: 'UTC', input: '{ "at": $now() }' },
      ]),
    );
    expect((await cli('deploy', file)).code).toBe(0);
    const worker = startWorker(ws.dir, ['--db', 'triggers.db', '--poll-ms', '50']);
    await until(() => worker.lines.some((line) => line.status === 'completed'), 'a triggered run');
    worker.process.kill('SIGTERM');
    await worker.exited;
    const runs = await cli('runs', '--workflow', 'ticker', '--json');
    const list = runs.json as { trigger?: { id: string; fireTime: string }; output: { at: string } }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]?.trigger?.id).toBe('sec');
    expect(list[0]?.output.at).toBe(list[0]?.trigger?.fireTime);
    const fires = list.map((run) => run.trigger?.fireTime);
    expect(new Set(fires).size).toBe(fires.length);
    const table = await cli('triggers');
    expect(table.stdout).toMatch(/ticker\s+sec\s+schedule\s+.*r_\S+ completed/);
    expect((await cli('undeploy', 'ticker')).code).toBe(0);
    const again = await cli('undeploy', 'ticker');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no workflow "ticker" is deployed');
  });
});
