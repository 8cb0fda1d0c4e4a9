import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { auditOnTakenPath, noteOnUntakenPath, pricedFlow, raisedThreshold, renamedBoss } from './history-flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli([...args, '--db', 'replay.db'], { cwd: ws.dir });

let run: string;
let events: EventJson[];
const seqOf = (type: string, node: string) => events.find((e) => e.type === type && e.node === node)?.seq ?? -1;

beforeAll(async () => {
  const file = writeFlow(ws.dir, 'priced', pricedFlow);
  run = ((await cli('run', file, '--input', '{"amount":500}', '--json')).json as Outcome).runId;
  expect((await cli('approve', run, 'boss', '--by', 'ana', '--json')).json).toMatchObject({ status: 'completed' });
  events = (await cli('history', run, '--json')).json as EventJson[];
});

describe('switchyard replay', () => {
  it('replays clean against the workflow it ran', async () => {
    const r = await cli('replay', run, '--against', 'priced.flow.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`replays clean: ${events.length} events\n`);
    const j = await cli('replay', run, '--against', 'priced.flow.json', '--json');
    expect(j.code).toBe(0);
    expect(j.json).toEqual({ clean: true, events: events.length });
  });

  it('replays clean against a version that only adds a node on a path the run did not take', async () => {
    const r = await cli('replay', run, '--against', writeFlow(ws.dir, 'untaken', noteOnUntakenPath));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`replays clean: ${events.length} events\n`);
  });

  it('a renamed node: diverged where the run entered it', async () => {
    const r = await cli('replay', run, '--against', writeFlow(ws.dir, 'renamed', renamedBoss), '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ clean: false, seq: seqOf('node.entered', 'boss'), node: 'boss' });
    expect((r.json as { message: string }).message).toMatch(/enters manager; the recording entered boss/);
  });

  it('a node added on the taken path: diverged where the run went on without it', async () => {
    const file = writeFlow(ws.dir, 'audit', auditOnTakenPath);
    const r = await cli('replay', run, '--against', file);
    expect(r.code).toBe(1);
    const seq = seqOf('node.entered', 'boss');
    expect(r.stdout).toMatch(new RegExp(`^diverged at seq ${seq} \\(node boss\\): .*enters audit.*\\n$`));
    expect((await cli('replay', run, '--against', file, '--json')).json).toMatchObject({
      clean: false,
      seq,
      node: 'boss',
    });
  });

  it('a changed condition that takes the other port: diverged at the condition', async () => {
    const r = await cli('replay', run, '--against', writeFlow(ws.dir, 'raised', raisedThreshold), '--json');
    expect(r.code).toBe(1);
    expect(r.json).toEqual({
      clean: false,
      seq: seqOf('node.completed', 'check'),
      node: 'check',
      message: expect.stringContaining('takes port "false"'),
    });
  });

  it('refuses an invalid workflow file with its problems, exit 2', async () => {
    const bad = writeFlow(ws.dir, 'bad', { ...pricedFlow, edges: [{ from: 'start', to: 'nowhere' }] });
    const r = await cli('replay', run, '--against', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: bad\.flow\.json is not a valid workflow/);
    expect(r.stderr).toMatch(/nowhere/);
    expect(r.stdout).toBe('');
  });

  it('unknown run, missing file or missing --against: exit 2', async () => {
    const unknown = await cli('replay', 'r_missing', '--against', 'priced.flow.json');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('switchyard: run r_missing does not exist\n');
    const missing = await cli('replay', run, '--against', 'nope.flow.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('switchyard: cannot read nope.flow.json: no such file\n');
    const usage = await cli('replay', run);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^switchyard: --against: required/);
  });
});
