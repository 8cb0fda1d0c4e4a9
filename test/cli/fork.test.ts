import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow, makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { pricedFlow } from './history-flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli([...args, '--db', 'fork.db'], { cwd: ws.dir });

let file: string;
let small: string;
let smallEvents: EventJson[];
let quoted: string;
let quotedEvents: EventJson[];

/** start -> quote (amount * 2) -> check (steps.quote.output > 100) -> big | small. */
const quoteFlow = flow('quote', {
  input: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'quote', kind: 'transform', config: { output: 'input.amount * 2' } },
    { id: 'check', kind: 'condition', config: { when: 'steps.quote.output > 100' } },
    { id: 'big', kind: 'end', config: { output: "'big ' & steps.quote.output" } },
    { id: 'small', kind: 'end', config: { output: "'small ' & steps.quote.output" } },
  ],
  edges: [
    { from: 'start', to: 'quote' },
    { from: 'quote', to: 'check' },
    { from: 'check', port: 'true', to: 'big' },
    { from: 'check', port: 'false', to: 'small' },
  ],
});

const seqOf = (events: EventJson[], type: string, node?: string) =>
  events.find((e) => e.type === type && (node === undefined || e.node === node))?.seq ?? -1;

async function runIds(): Promise<string[]> {
  return ((await cli('runs', '--json')).json as { id: string }[]).map((r) => r.id).sort();
}

beforeAll(async () => {
  file = writeFlow(ws.dir, 'priced', pricedFlow);
  const r = await cli('run', file, '--input', '{"amount":50}', '--json');
  expect(r.json).toMatchObject({ status: 'completed', output: 50 });
  small = (r.json as Outcome).runId;
  smallEvents = (await cli('history', small, '--json')).json as EventJson[];
  const q = await cli('run', writeFlow(ws.dir, 'quote', quoteFlow), '--input', '{"amount":80}', '--json');
  expect(q.json).toMatchObject({ status: 'completed', output: 'big 160' });
  quoted = (q.json as Outcome).runId;
  quotedEvents = (await cli('history', quoted, '--json')).json as EventJson[];
});

describe('switchyard fork', () => {
  it('--vars changes the result of a fork after the node that set them; the parent is kept', async () => {
    const afterPrep = seqOf(smallEvents, 'node.completed', 'prep');
    const r = await cli('fork', small, '--at', String(afterPrep), '--vars', '{"discount":7}', '--json');
    expect(r.code).toBe(0);
    const outcome = r.json as Outcome;
    expect(Object.keys(outcome)).toEqual(['runId', 'status', 'output', 'error', 'waitingOn']);
    expect(outcome).toMatchObject({ status: 'completed', output: 43, error: null, waitingOn: [] });
    expect(outcome.runId).not.toBe(small);
    const forked = (await cli('history', outcome.runId, '--json')).json as EventJson[];
    expect(forked[0]).toMatchObject({ seq: 1, type: 'run.started', data: { parentRun: small, forkSeq: afterPrep } });
    expect(forked.map((e) => e.seq)).toEqual(forked.map((_, i) => i + 1));
    // No task before the fork point ran again.
    expect(forked.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['check', 'auto']);
    expect((await cli('state', outcome.runId, '--at', '1', '--json')).json).toMatchObject({
      context: { vars: { discount: 7 } },
    });
    // The parent run is untouched.
    expect((await cli('history', small, '--json')).json).toEqual(smallEvents);
  });

  it('prints like run without --json', async () => {
    const r = await cli(
      'fork',
      small,
      '--at',
      String(seqOf(smallEvents, 'node.completed', 'prep')),
      '--vars',
      '{"discount":1}',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^run r_\S+ completed\noutput: 49\n$/);
  });

  it('forking at a waiting approval leaves the fork waiting; approving it completes it', async () => {
    const big = (await cli('run', file, '--input', '{"amount":500}', '--json')).json as Outcome;
    expect(big.status).toBe('waiting');
    const events = (await cli('history', big.runId, '--json')).json as EventJson[];
    const waitingAt = seqOf(events, 'run.waiting');
    expect(waitingAt).toBe(events.length);
    const fork = await cli('fork', big.runId, '--at', String(waitingAt), '--vars', '{"discount":100}', '--json');
    expect(fork.code).toBe(3);
    const forked = fork.json as Outcome;
    expect(forked).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }] });
    const approved = await cli('approve', forked.runId, 'boss', '--by', 'ana', '--json');
    expect(approved.code).toBe(0);
    expect(approved.json).toMatchObject({ runId: forked.runId, status: 'completed', output: 400 });
    // The parent still waits for its own decision.
    expect((await cli('runs', '--status', 'waiting', '--json')).json).toEqual([
      expect.objectContaining({ id: big.runId }),
    ]);
  });

  it('runs shows the lineage as PARENT@SEQ', async () => {
    const afterStart = seqOf(smallEvents, 'node.completed', 'start');
    const forked = ((await cli('fork', small, '--at', String(afterStart), '--json')).json as Outcome).runId;
    const table = await cli('runs');
    expect(table.stdout).toMatch(new RegExp(`^${forked}\\s+priced@1\\s+completed\\s.*\\s${small}@${afterStart}$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^${small}\\s+priced@1\\s+completed\\s.*\\s-$`, 'm'));
    const records = (await cli('runs', '--json')).json as { id: string; parentRun?: string; forkSeq?: number }[];
    expect(records.find((r) => r.id === forked)).toMatchObject({ parentRun: small, forkSeq: afterStart });
  });

  it('--outputs replaces a completed step output: the fork takes the other branch and history says so', async () => {
    const afterQuote = seqOf(quotedEvents, 'node.completed', 'quote');
    const r = await cli('fork', quoted, '--at', String(afterQuote), '--outputs', '{"quote": 30}', '--json');
    expect(r.code).toBe(0);
    const outcome = r.json as Outcome;
    expect(outcome).toMatchObject({ status: 'completed', output: 'small 30' });
    const forked = (await cli('history', outcome.runId, '--json')).json as EventJson[];
    expect(forked[0]).toMatchObject({ data: { forkSeq: afterQuote, changes: { outputs: { quote: 30 } } } });
    expect(forked.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['check', 'small']);
    const text = await cli('history', outcome.runId);
    expect(text.stdout.split('\n')[0]).toBe(`forked from ${quoted} at #${afterQuote}, changed: steps.quote.output`);
    // A run that is not a fork prints its events only.
    expect((await cli('history', quoted)).stdout).toMatch(/^1 /);
  });

  it('--input replaces the input (and the start output) of a fork after start; --vars and --input combine', async () => {
    const afterStart = seqOf(quotedEvents, 'node.completed', 'start');
    const r = await cli(
      'fork',
      quoted,
      '--at',
      String(afterStart),
      '--input',
      '{"amount":20}',
      '--vars',
      '{"why":"cheaper"}',
      '--json',
    );
    expect(r.json).toMatchObject({ status: 'completed', output: 'small 40' });
    const runId = (r.json as Outcome).runId;
    expect((await cli('state', runId, '--at', '1', '--json')).json).toMatchObject({
      context: { input: { amount: 20 }, vars: { why: 'cheaper' }, steps: { start: { output: { amount: 20 } } } },
    });
    expect((await cli('history', runId)).stdout.split('\n')[0]).toBe(
      `forked from ${quoted} at #${afterStart}, changed: vars.why, input`,
    );
    const records = (await cli('runs', '--json')).json as { id: string; input: unknown }[];
    expect(records.find((x) => x.id === runId)?.input).toEqual({ amount: 20 });
  });

  it('retry from here: a fork at the seq before a node.entered runs that node again', async () => {
    const quoteEntered = seqOf(quotedEvents, 'node.entered', 'quote');
    const r = await cli('fork', quoted, '--at', String(quoteEntered - 1), '--json');
    expect(r.json).toMatchObject({ status: 'completed', output: 'big 160' });
    const forked = (await cli('history', (r.json as Outcome).runId)).stdout;
    expect(forked.split('\n')[0]).toBe(`forked from ${quoted} at #${quoteEntered - 1}, nothing changed`);
  });

  it('refuses changes that do not fit with exit 2 and records nothing', async () => {
    const before = await runIds();
    const afterQuote = String(seqOf(quotedEvents, 'node.completed', 'quote'));
    const afterStart = String(seqOf(quotedEvents, 'node.completed', 'start'));
    const cases: [string[], RegExp][] = [
      [
        ['--at', afterQuote, '--outputs', '{"qoute": 1}'],
        /outputs\.qoute: workflow quote has no node qoute \(did you mean quote\?\)/,
      ],
      [
        ['--at', afterStart, '--outputs', '{"quote": 1}'],
        /node quote has no output to change at #\d+ \(it has not run by then\)/,
      ],
      [['--at', afterQuote, '--outputs', '[1]'], /--outputs: outputs must be a JSON object of node id → output/],
      [['--at', afterQuote, '--outputs', '{x'], /--outputs: not valid JSON/],
      [['--at', afterQuote, '--input', '{"amount":"lots"}'], /input\.amount/],
      [['--at', afterQuote, '--input', '{x'], /--input: not valid JSON/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('fork', quoted, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(await runIds()).toEqual(before);
  });

  it('refuses bad requests with exit 2 and records nothing', async () => {
    const before = await runIds();
    const last = smallEvents.length;
    const cases: [string[], RegExp][] = [
      [['fork', 'r_missing', '--at', '1'], /^switchyard: run r_missing does not exist/],
      [
        ['fork', small, '--at', String(last + 1)],
        new RegExp(`seq ${last + 1} is out of range: run ${small} has events 1\\.\\.${last}`),
      ],
      [['fork', small, '--at', '0'], /seq 0 is out of range/],
      [['fork', small, '--at=-3'], /seq -3 is out of range/],
      [['fork', small, '--at', 'two'], /--at: expected a whole number/],
      [['fork', small], /--at: required/],
      [['fork', small, '--at', '2', '--vars', '[1]'], /vars must be a JSON object/],
      [['fork', small, '--at', '2', '--vars', '7'], /vars must be a JSON object/],
      [['fork', small, '--at', '2', '--vars', '{nope'], /--vars: not valid JSON/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(await runIds()).toEqual(before);
  });

  it('an unknown run in a missing store: exit 2, no store created', async () => {
    const r = await runCli(['fork', 'r_x', '--at', '1', '--db', 'none.db'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: run r_x does not exist: there is no run store at none\.db\n$/);
  });
});
