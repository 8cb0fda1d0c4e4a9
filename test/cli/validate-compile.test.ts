import { afterAll, describe, expect, it } from 'vitest';
import { linearFlow } from './flows.js';
import { chain, flow, makeWorkspace, runCli, writeFlow } from './cli-harness.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli(args, { cwd: ws.dir });

describe('switchyard validate', () => {
  it('exits 0 for a valid workflow', async () => {
    const file = writeFlow(ws.dir, 'ok', linearFlow);
    const r = await cli('validate', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints one `FILE: node ID: message` line per problem and exits 2', async () => {
    const doc = flow('broken', {
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'call', kind: 'http', config: { method: 'GET', url: 42 } },
        { id: 'done', kind: 'end' },
      ],
      edges: chain('start', 'call', 'done'),
    });
    const file = writeFlow(ws.dir, 'broken', doc);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^broken\.flow\.json: node call: config\.url: .+/);
  });

  it('finds a typo in steps.X and the references a rename by hand left behind (the invoice flow of issue 13)', async () => {
    const invoice = (fetchId: string, when: string) =>
      flow('invoice', {
        nodes: [
          { id: 'start', kind: 'start' },
          { id: fetchId, kind: 'http', config: { method: 'GET', url: 'https://billing.example/1' } },
          { id: 'check', kind: 'condition', config: { when } },
          { id: 'boss', kind: 'approval', config: { title: 'Approve {{ steps.fetch.output.body.amount }}?' } },
          { id: 'auto', kind: 'end' },
          { id: 'done', kind: 'end' },
        ],
        edges: [
          ...chain('start', fetchId, 'check'),
          { from: 'check', port: 'true', to: 'boss' },
          { from: 'check', port: 'false', to: 'auto' },
          { from: 'boss', port: 'approved', to: 'done' },
          { from: 'boss', port: 'rejected', to: 'done' },
        ],
      });
    const typo = await cli(
      'validate',
      writeFlow(ws.dir, 'typo', invoice('fetch', 'steps.fetsh.output.body.amount > 1000')),
    );
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe(
      'typo.flow.json: node check: config.when: steps.fetsh: there is no node fetsh (did you mean fetch?)\n',
    );
    const renamed = await cli(
      'validate',
      writeFlow(ws.dir, 'renamed', invoice('getInvoice', 'steps.fetch.output.body.amount > 1000')),
    );
    expect(renamed.code).toBe(2);
    expect(renamed.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^renamed\.flow\.json: node check: config\.when: steps\.fetch: there is no node fetch/),
      expect.stringMatching(/^renamed\.flow\.json: node boss: config\.title: steps\.fetch: there is no node fetch/),
    ]);
  });

  it('reports every problem, one line each', async () => {
    const doc = flow('two-problems', {
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'a', kind: 'transform', config: { output: '1' } },
      ],
      edges: [...chain('start', 'a'), { from: 'a', to: 'ghost' }, { from: 'start', to: 'phantom' }],
    });
    const file = writeFlow(ws.dir, 'two', doc);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^two\.flow\.json: (node|edge) \S+: .+/);
    expect(r.stdout).toContain('ghost');
    expect(r.stdout).toContain('phantom');
  });

  it('--json gives {valid, problems}', async () => {
    const good = await cli('validate', writeFlow(ws.dir, 'ok2', linearFlow), '--json');
    expect(good.code).toBe(0);
    expect(good.json).toEqual({ valid: true, problems: [] });
    const bad = await cli('validate', writeFlow(ws.dir, 'bad2', flow('bad2', { nodes: [], edges: [] })), '--json');
    expect(bad.code).toBe(2);
    expect(bad.json).toMatchObject({ valid: false, problems: [expect.objectContaining({ severity: 'error' })] });
  });

  it('says where a file that is not JSON breaks', async () => {
    const file = writeFlow(ws.dir, 'garbage', '{ "format": "switchyard/workflow@1",\n  "id": oops }');
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^garbage\.flow\.json: .*not valid JSON.*line 2/);
  });

  it('names the versions when the format is newer', async () => {
    const file = writeFlow(ws.dir, 'future', { ...linearFlow, format: 'switchyard/workflow@2' });
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('switchyard/workflow@2');
    expect(r.stdout).toContain('switchyard/workflow@1');
  });

  it('says so when the file does not exist', async () => {
    const r = await cli('validate', 'missing.flow.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('switchyard: cannot read missing.flow.json: no such file\n');
  });
});

describe('switchyard compile', () => {
  it('prints the machine config with the start node as initial', async () => {
    const r = await cli('compile', writeFlow(ws.dir, 'c', linearFlow));
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout) as { id: string; initial: string; states: Record<string, unknown> };
    expect(config.initial).toBe('start');
    expect(Object.keys(config.states)).toEqual(expect.arrayContaining(['start', 'greet', 'done']));
    expect(r.stdout.split('\n').length).toBeGreaterThan(3);
  });

  it('--json prints it on one line', async () => {
    const r = await cli('compile', writeFlow(ws.dir, 'c2', linearFlow), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.json).toMatchObject({ initial: 'start' });
  });

  it('refuses an invalid workflow with its problems, exit 2', async () => {
    const file = writeFlow(ws.dir, 'nostart', flow('nostart', { nodes: [{ id: 'done', kind: 'end' }], edges: [] }));
    const r = await cli('compile', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^switchyard: nostart\.flow\.json is not a valid workflow/);
    expect(lines.slice(1).every((l) => l.startsWith('nostart.flow.json: '))).toBe(true);
  });
});

describe('the designer annotations (sticky notes, groups)', () => {
  const annotated = {
    ...linearFlow,
    annotations: {
      notes: [{ id: 'note1', text: '# Why\nsays hello', position: { x: 0, y: -120 }, color: 'blue' }],
      groups: [{ id: 'group1', name: 'Greeting', nodes: ['greet', 'gone'], collapsed: true }],
    },
  };

  it('are ignored by validate and compile: the same machine as without them', async () => {
    const file = writeFlow(ws.dir, 'annotated', annotated);
    expect((await cli('validate', file)).code).toBe(0);
    const withNotes = await cli('compile', file, '--json');
    const without = await cli('compile', writeFlow(ws.dir, 'plain', linearFlow), '--json');
    expect(withNotes.code).toBe(0);
    expect(withNotes.json).toEqual(without.json);
  });

  it('are checked like the rest of the file: unknown fields refused, exit 2', async () => {
    const bad = {
      ...linearFlow,
      annotations: { notes: [{ id: 'n', text: 'x', position: { x: 0, y: 0 }, html: '<b>' }] },
    };
    const r = await cli('validate', writeFlow(ws.dir, 'bad-note', bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/annotations\.notes\[0\]/);
  });
});
