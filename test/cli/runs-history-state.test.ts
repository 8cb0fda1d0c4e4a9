import { spawn } from 'node:child_process';
import { HISTORY_EVENT_TYPES } from '#shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { approvalFlow, linearFlow } from './flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli([...args, '--db', 'history.db'], { cwd: ws.dir });

let completed: string;
let waiting: string;
let events: EventJson[];

beforeAll(async () => {
  completed = (
    (await cli('run', writeFlow(ws.dir, 'linear', linearFlow), '--input', '{"name":"Ada"}', '--json')).json as Outcome
  ).runId;
  waiting = ((await cli('run', writeFlow(ws.dir, 'approval', approvalFlow), '--json')).json as Outcome).runId;
  events = (await cli('history', completed, '--json')).json as EventJson[];
});

describe('switchyard runs', () => {
  it('lists the runs as a table', async () => {
    const r = await cli('runs');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+WORKFLOW\s+STATUS\s+STARTED\s+DURATION\s+PARENT$/);
    expect(r.stdout).toMatch(new RegExp(`${completed}\\s+linear@1\\s+completed`));
    expect(r.stdout).toMatch(new RegExp(`${waiting}\\s+approval@1\\s+waiting`));
  });

  it('--json gives run records; filters by status, workflow and limit', async () => {
    const all = (await cli('runs', '--json')).json as { id: string; status: string; workflowId: string }[];
    expect(all.map((r) => r.id).sort()).toEqual([completed, waiting].sort());
    expect((await cli('runs', '--status', 'waiting', '--json')).json).toEqual([
      expect.objectContaining({ id: waiting, status: 'waiting' }),
    ]);
    expect((await cli('runs', '--workflow', 'linear', '--json')).json).toEqual([
      expect.objectContaining({ id: completed, workflowId: 'linear' }),
    ]);
    expect(((await cli('runs', '--limit', '1', '--json')).json as unknown[]).length).toBe(1);
    expect((await cli('runs', '--status', 'sleeping')).code).toBe(2);
  });

  it('an empty or missing store lists nothing', async () => {
    const r = await runCli(['runs', '--json', '--db', 'empty.db'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect(r.json).toEqual([]);
  });
});

describe('switchyard runs: handled errors and order', () => {
  const outcomes = (...args: string[]) => runCli([...args, '--db', 'outcomes.db'], { cwd: ws.dir });
  const chargeFlow = {
    format: 'switchyard/workflow@1',
    id: 'charge',
    name: 'Charge',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start' },
      { id: 'charge', kind: 'transform', config: { output: '$error("card declined")' } },
      { id: 'paid', kind: 'end' },
      { id: 'declined', kind: 'end', config: { output: "'declined'" } },
    ],
    edges: [
      { from: 'start', to: 'charge' },
      { from: 'charge', to: 'paid' },
      { from: 'charge', port: 'error', to: 'declined' },
    ],
  };

  it('shows a run that went on from a failure as completed with handled errors; --json keeps the record', async () => {
    const handled = (await outcomes('run', writeFlow(ws.dir, 'charge', chargeFlow), '--json')).json as Outcome;
    const clean = (await outcomes('run', writeFlow(ws.dir, 'linear', linearFlow), '--json')).json as Outcome;
    expect(handled.status).toBe('completed');
    const table = await outcomes('runs');
    expect(table.stdout).toMatch(new RegExp(`${handled.runId}\\s+charge@1\\s+completed \\(1 handled error\\)`));
    expect(table.stdout).toMatch(new RegExp(`${clean.runId}\\s+linear@1\\s+completed\\s`));
    const json = (await outcomes('runs', '--json')).json as Record<string, unknown>[];
    expect(json.find((r) => r['id'] === handled.runId)).toMatchObject({ status: 'completed', output: 'declined' });
    expect(json.find((r) => r['id'] === handled.runId)).not.toHaveProperty('handledErrors');

    const oldest = (await outcomes('runs', '--order', 'oldest', '--json')).json as { id: string }[];
    expect(oldest.map((r) => r.id)).toEqual([handled.runId, clean.runId]);
    expect((await outcomes('runs', '--order', 'fastest')).code).toBe(2);
  });
});

describe('switchyard history', () => {
  it('ends quietly when the reader of its output goes away (| head): exit 0, no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'history', completed, '--db', 'history.db'], {
      cwd: ws.dir,
      env: { ...process.env, NODE_OPTIONS: '', SWITCHYARD_STORE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader leaves before the first line: every write of the command meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('--json: seq 1..N without gaps, DESIGN §4 types, from run.started to run.completed', () => {
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const e of events) expect(HISTORY_EVENT_TYPES).toContain(e.type);
    expect(events[0]).toMatchObject({
      type: 'run.started',
      data: { input: { name: 'Ada' }, workflowId: 'linear', version: 1 },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'run.completed',
      data: { output: { greeting: 'hello Ada', count: 2 } },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'node.completed', node: 'greet' }));
  });

  it('prints one line per event: seq, time, type, node, data', async () => {
    const r = await cli('history', completed);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(events.length);
    expect(lines[0]).toMatch(/^1\s+\d{4}-\d\d-\d\dT\S+Z\s+run\.started\s+-\s+\{"input":\{"name":"Ada"\}/);
    expect(lines.at(-1)).toMatch(/\s+run\.completed\s+/);
  });

  it('unknown run: exit 2', async () => {
    const r = await cli('history', 'r_missing');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: run r_missing does not exist/);
  });
});

describe('switchyard state --at', () => {
  const seqOf = (type: string, node?: string) =>
    events.find((e) => e.type === type && (node === undefined || e.node === node))?.seq ?? -1;

  it('rebuilds the state after the first event', async () => {
    const r = await cli('state', completed, '--at', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      seq: 1,
      status: 'running',
      active: [],
      context: { input: { name: 'Ada' }, vars: {}, steps: {} },
    });
  });

  it('shows the active node and the context at later seqs', async () => {
    const entered = seqOf('node.entered', 'greet');
    const atEntered = (await cli('state', completed, '--at', String(entered), '--json')).json;
    expect(atEntered).toMatchObject({ seq: entered, status: 'running', active: ['greet'] });
    const done = seqOf('node.completed', 'greet');
    const atDone = (await cli('state', completed, '--at', String(done), '--json')).json;
    expect(atDone).toMatchObject({
      seq: done,
      active: [],
      context: { vars: { count: 2 }, steps: { greet: { output: 'hello Ada', attempts: 1 } } },
    });
    const last = events.length;
    expect((await cli('state', completed, '--at', String(last), '--json')).json).toMatchObject({
      seq: last,
      status: 'completed',
      active: [],
    });
  });

  it('prints indented JSON without --json', async () => {
    const r = await cli('state', completed, '--at', '1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ seq: 1 });
    expect(r.stdout.split('\n').length).toBeGreaterThan(3);
  });

  it('refuses a seq out of range: exit 2', async () => {
    const last = events.length;
    const r = await cli('state', completed, '--at', String(last + 1));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`switchyard: seq ${last + 1} is out of range: run ${completed} has events 1..${last}\n`);
    const negative = await cli('state', completed, '--at=-1');
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/seq -1 is out of range/);
    expect((await cli('state', completed)).code).toBe(2);
  });
});
