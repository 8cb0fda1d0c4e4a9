import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type Outcome } from './cli-harness.js';
import { failingFlow, linearFlow, loopingScriptFlow, setVarsFlow, typedInputFlow } from './flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const cli = (...args: string[]) => runCli([...args, '--db', 'runs.db'], { cwd: ws.dir });

const linear = writeFlow(ws.dir, 'linear', linearFlow);
const typed = writeFlow(ws.dir, 'typed', typedInputFlow);

describe('switchyard run', () => {
  it('runs a linear flow to completion: exit 0, output in the --json line', async () => {
    const r = await cli('run', linear, '--json');
    expect(r.code).toBe(0);
    const outcome = r.json as Outcome;
    expect(Object.keys(outcome)).toEqual(['runId', 'status', 'output', 'error', 'waitingOn']);
    expect(outcome).toMatchObject({
      status: 'completed',
      output: { greeting: 'hello world', count: 2 },
      error: null,
      waitingOn: [],
    });
    expect(outcome.runId).toMatch(/^r_/);
  });

  it('runs a set node: its vars reach the end node and its output is recorded', async () => {
    const file = writeFlow(ws.dir, 'set-vars', setVarsFlow);
    const r = await cli('run', file, '--input', '{"amount": 21}', '--json');
    expect(r.code).toBe(0);
    const outcome = r.json as Outcome;
    expect(outcome).toMatchObject({ status: 'completed', output: { total: 42, who: 'first' } });
    const history = await cli('history', outcome.runId, '--json');
    expect(history.stdout).toContain('"vars":{"total":42,"who":"first"}');
  });

  it('prints a few human lines without --json', async () => {
    const r = await cli('run', linear);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^run r_\S+ completed\n/);
    expect(r.stdout).toContain('"greeting":"hello world"');
  });

  it('takes --input JSON', async () => {
    const r = await cli('run', linear, '--input', '{"name":"Ada"}', '--json');
    expect(r.code).toBe(0);
    expect((r.json as Outcome).output).toEqual({ greeting: 'hello Ada', count: 2 });
  });

  it('takes --input-file F', async () => {
    writeFileSync(join(ws.dir, 'input.json'), '{ "name": "Grace" }');
    const r = await cli('run', linear, '--input-file', 'input.json', '--json');
    expect(r.code).toBe(0);
    expect((r.json as Outcome).output).toEqual({ greeting: 'hello Grace', count: 2 });
  });

  it('refuses --input and --input-file together', async () => {
    const r = await cli('run', linear, '--input', '{}', '--input-file', 'input.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: .*--input.*--input-file/);
  });

  it('refuses malformed --input with exit 2 and one line', async () => {
    const r = await cli('run', linear, '--input', '{name: Ada}');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^switchyard: --input: not valid JSON/);
  });

  it('refuses input that fails the workflow input schema, naming the field, and records nothing', async () => {
    const before = await cli('runs', '--json');
    const r = await cli('run', typed, '--input', '{"amount":"lots"}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: .*amount/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const after = await cli('runs', '--json');
    expect(after.json).toEqual(before.json);
    const ok = await cli('run', typed, '--input', '{"amount":21}', '--json');
    expect(ok.code).toBe(0);
    expect((ok.json as Outcome).output).toBe(42);
  });

  it('exits 1 with the error when the run fails', async () => {
    const r = await cli('run', writeFlow(ws.dir, 'failing', failingFlow), '--input', '{"id":7}', '--json');
    expect(r.code).toBe(1);
    const outcome = r.json as Outcome;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toContain('order 7 rejected');
    const human = await cli('run', 'failing.flow.json', '--input', '{"id":8}');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('order 8 rejected');
  });

  it('stops a script that loops forever: exit 1, says it ran too long, no stack trace', async () => {
    const r = await cli('run', writeFlow(ws.dir, 'loop', loopingScriptFlow), '--json');
    expect(r.code).toBe(1);
    const outcome = r.json as Outcome;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toMatch(/ran (too long|longer than)|timed out|time limit/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an invalid workflow with exit 2 and its problem lines', async () => {
    const file = writeFlow(ws.dir, 'invalid', { ...linearFlow, nodes: [{ id: 'start', kind: 'start' }] });
    const r = await cli('run', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: invalid\.flow\.json is not a valid workflow/);
    expect(r.stderr).toMatch(/\ninvalid\.flow\.json: /);
  });

  it('refuses a file that is not a run store, leaving it untouched', async () => {
    const garbage = 'this is not a database\n'.repeat(200);
    writeFileSync(join(ws.dir, 'garbage.db'), garbage);
    const r = await runCli(['run', linear, '--db', 'garbage.db'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^switchyard: .*not a Switchyard run store/);
    expect(readFileSync(join(ws.dir, 'garbage.db'), 'utf8')).toBe(garbage);
  });
});

describe('usage errors', () => {
  it('unknown command: exit 2 with a hint', async () => {
    const r = await runCli(['rnu'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('switchyard: unknown command "rnu" (did you mean run?); see switchyard --help\n');
  });

  it('unknown option: exit 2 with a hint', async () => {
    const r = await runCli(['run', linear, '--inptu', '{}'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('switchyard: unknown option --inptu; see switchyard run --help\n');
  });

  it('missing argument and bad numbers: exit 2', async () => {
    expect((await runCli(['run'], { cwd: ws.dir })).stderr).toBe(
      'switchyard: missing FILE; see switchyard run --help\n',
    );
    const r = await runCli(['run', linear, '--max-steps', 'many'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: --max-steps: expected a whole number/);
  });

  it('--help works on every command and on its own', async () => {
    const main = await runCli(['--help'], { cwd: ws.dir });
    expect(main.code).toBe(0);
    const names = ['validate', 'compile', 'run', 'approve', 'signal', 'cancel', 'runs', 'history', 'state', 'resume'];
    for (const name of names) expect(main.stdout).toContain(name);
    for (const name of names) {
      const r = await runCli([name, '-h'], { cwd: ws.dir });
      expect(r.code, name).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: switchyard ${name}`));
    }
  });

  it('no command: exit 2', async () => {
    const r = await runCli([], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^switchyard: missing command/);
  });
});
