import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type EventJson, type Outcome } from './cli-harness.js';
import { pricedFlow } from './history-flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);
const on =
  (db: string) =>
  (...args: string[]) =>
    runCli([...args, '--db', db], { cwd: ws.dir });
const source = on('source.db');
const target = on('target.db');

interface Bundle {
  format: string;
  workflow: { id: string };
  run: { id: string; status: string };
  events: EventJson[];
}

let done: string;
let waiting: string;
let bundleFile: string;

const readBundle = (file: string): Bundle => JSON.parse(readFileSync(join(ws.dir, file), 'utf8')) as Bundle;
function writeBundle(name: string, bundle: Bundle | string): string {
  writeFileSync(join(ws.dir, name), typeof bundle === 'string' ? bundle : JSON.stringify(bundle, null, 2));
  return name;
}

beforeAll(async () => {
  const file = writeFlow(ws.dir, 'priced', pricedFlow);
  waiting = ((await source('run', file, '--input', '{"amount":500}', '--json')).json as Outcome).runId;
  done = ((await source('run', file, '--input', '{"amount":800}', '--json')).json as Outcome).runId;
  expect((await source('approve', done, 'boss', '--by', 'ana', '--json')).json).toMatchObject({ output: 800 });
  const exported = await source('export-run', done, '--out', 'done.bundle.json');
  expect(exported.code).toBe(0);
  expect(exported.stdout).toMatch(new RegExp(`^exported run ${done} \\(\\d+ events\\) to done\\.bundle\\.json\\n$`));
  bundleFile = 'done.bundle.json';
});

describe('switchyard export-run', () => {
  it('writes a format-1 bundle: workflow, run summary and every event, as indented JSON', async () => {
    const text = readFileSync(join(ws.dir, bundleFile), 'utf8');
    expect(text).toMatch(/^\{\n {2}"format": "switchyard\/run-bundle@1",\n/);
    const bundle = readBundle(bundleFile);
    expect(bundle.workflow).toMatchObject({ id: 'priced', version: 1 });
    expect(bundle.run).toMatchObject({ id: done, status: 'completed' });
    expect(bundle.events).toEqual((await source('history', done, '--json')).json);
  });

  it('without --out prints the bundle; --json with --out prints a summary', async () => {
    const r = await source('export-run', done);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(readBundle(bundleFile));
    const j = await source('export-run', done, '--out', 'again.json', '--json');
    expect(j.json).toEqual({ runId: done, file: 'again.json', events: readBundle(bundleFile).events.length });
  });

  it('unknown run or unwritable file: exit 2, one line', async () => {
    const unknown = await source('export-run', 'r_missing', '--out', 'x.json');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('switchyard: run r_missing does not exist\n');
    expect(existsSync(join(ws.dir, 'x.json'))).toBe(false);
    const unwritable = await source('export-run', done, '--out', 'no/such/dir.json');
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe('switchyard: cannot write no/such/dir.json: its folder does not exist\n');
  });
});

describe('switchyard import-run', () => {
  it('into another store: the same history and the same state at every seq', async () => {
    const r = await target('import-run', bundleFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`imported run ${done} (${readBundle(bundleFile).events.length} events, completed)\n`);
    const original = (await source('history', done, '--json')).json as EventJson[];
    expect((await target('history', done, '--json')).json).toEqual(original);
    const seqs = [0, ...original.map((e) => e.seq)];
    const states = await Promise.all(
      seqs.map(async (seq) => {
        const [a, b] = await Promise.all([
          source('state', done, '--at', String(seq), '--json'),
          target('state', done, '--at', String(seq), '--json'),
        ]);
        return { seq, a: a.stdout, b: b.stdout, codes: [a.code, b.code] };
      }),
    );
    for (const { seq, a, b, codes } of states) {
      expect(codes, `seq ${seq}`).toEqual([0, 0]);
      expect(b, `seq ${seq}`).toBe(a);
    }
    const runs = (await target('runs', '--json')).json as { id: string; imported?: boolean; output?: unknown }[];
    expect(runs).toEqual([expect.objectContaining({ id: done, status: 'completed', imported: true, output: 800 })]);
    expect((await target('runs')).stdout).toMatch(new RegExp(`${done}\\s+priced@1\\s+completed \\(imported\\)`));
  });

  it('is idempotent: importing the same bundle again changes nothing', async () => {
    const before = (await target('history', done, '--json')).stdout;
    const again = await target('import-run', bundleFile);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`run ${done} already imported\n`);
    const json = await target('import-run', bundleFile, '--json');
    expect(json.json).toEqual({ runId: done, imported: false });
    expect((await target('history', done, '--json')).stdout).toBe(before);
    expect(((await target('runs', '--json')).json as unknown[]).length).toBe(1);
  });

  it('--json on a first import says imported: true', async () => {
    const r = await on('json.db')('import-run', bundleFile, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ runId: done, imported: true });
  });

  it('an imported run is read-only: approve, signal and cancel are refused', async () => {
    const file = 'waiting.bundle.json';
    expect((await source('export-run', waiting, '--out', file)).code).toBe(0);
    expect((await target('import-run', file)).code).toBe(0);
    const history = (await target('history', waiting, '--json')).stdout;
    for (const args of [
      ['approve', waiting, 'boss', '--by', 'ana'],
      ['signal', waiting, 'go'],
      ['cancel', waiting],
    ]) {
      const r = await target(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toBe(
        `switchyard: run ${waiting} was imported from a bundle; its history is read-only\n`,
      );
    }
    expect((await target('history', waiting, '--json')).stdout).toBe(history);
    // resume leaves imported runs alone.
    expect((await target('resume', '--json')).json).toEqual([]);
  });

  it('a fork of an imported run is a new live run in this store', async () => {
    const events = (await target('history', waiting, '--json')).json as EventJson[];
    const fork = await target('fork', waiting, '--at', String(events.length), '--json');
    expect(fork.code).toBe(3);
    const forked = fork.json as Outcome;
    expect(forked).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }] });
    expect((await target('approve', forked.runId, 'boss', '--by', 'bo', '--json')).json).toMatchObject({
      status: 'completed',
      output: 500,
    });
    const runs = (await target('runs', '--json')).json as { id: string; parentRun?: string; imported?: boolean }[];
    expect(runs.find((r) => r.id === forked.runId)).toMatchObject({ parentRun: waiting });
    expect(runs.find((r) => r.id === forked.runId)?.imported).toBeFalsy();
  });

  describe('refuses a bad file with exit 2 and leaves the store untouched', () => {
    async function expectRefused(file: string, message: RegExp): Promise<void> {
      const fresh = on('fresh.db');
      const r = await fresh('import-run', file);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^switchyard: /);
      expect(existsSync(join(ws.dir, 'fresh.db'))).toBe(false);
      const before = (await target('runs', '--json')).stdout;
      expect((await target('import-run', file)).code).toBe(2);
      expect((await target('runs', '--json')).stdout).toBe(before);
    }

    it('a gap in the history', async () => {
      const bundle = readBundle(bundleFile);
      bundle.run.id = 'r_gap';
      bundle.events = bundle.events.filter((e) => e.seq !== 3);
      await expectRefused(writeBundle('gap.json', bundle), /gap\.json: history has a gap: expected seq 3, found 4/);
    });

    it('a history its workflow could not have produced, naming the event', async () => {
      const bundle = readBundle(bundleFile);
      bundle.run.id = 'r_forged';
      const entered = bundle.events.find((e) => e.type === 'node.entered' && e.node === 'boss');
      if (entered) entered.node = 'start';
      await expectRefused(
        writeBundle('forged.json', bundle),
        new RegExp(
          `forged\\.json: event ${entered?.seq ?? 0}: the recorded run entered node start, which the workflow's machine did not enter`,
        ),
      );
    });

    it('an event after the run ended', async () => {
      const bundle = readBundle(bundleFile);
      bundle.run.id = 'r_after';
      const last = bundle.events.at(-1);
      if (last) bundle.events.push({ ...last, seq: last.seq + 1, type: 'run.resumed', data: {} });
      await expectRefused(
        writeBundle('after.json', bundle),
        new RegExp(
          `after\\.json: event ${(last?.seq ?? 0) + 1}: run\\.resumed after the run ended \\(run\\.completed at event ${last?.seq ?? 0}\\)`,
        ),
      );
    });

    it('a run status that disagrees with the end of its history', async () => {
      const bundle = readBundle(bundleFile);
      bundle.run.id = 'r_status';
      bundle.run.status = 'failed';
      await expectRefused(
        writeBundle('status.json', bundle),
        /status\.json: the run's status is failed, but its history ends with run\.completed/,
      );
    });

    it('a newer bundle format, naming both versions', async () => {
      const bundle = readBundle(bundleFile);
      bundle.format = 'switchyard/run-bundle@2';
      await expectRefused(
        writeBundle('v2.json', bundle),
        /v2\.json: format switchyard\/run-bundle@2 is newer than this program understands \(it reads switchyard\/run-bundle@1\)/,
      );
    });

    it('not JSON, with the line and column', async () => {
      await expectRefused(
        writeBundle('broken.json', '{\n  "format": "switchyard/run-bundle@1",\n  oops\n}'),
        /broken\.json is not valid JSON: .*line 3, column 3/,
      );
    });

    it('JSON that is not a bundle, or a bundle of the wrong shape', async () => {
      await expectRefused(writeBundle('list.json', '[1, 2]'), /list\.json: not a run bundle/);
      const bundle = readBundle(bundleFile) as unknown as Record<string, unknown>;
      delete bundle['events'];
      await expectRefused(writeBundle('shape.json', bundle as unknown as Bundle), /shape\.json: .*events/);
    });

    it('an unreadable file', async () => {
      await expectRefused('missing.json', /^switchyard: cannot read missing\.json: no such file$/m);
    });

    it('a different run under an id already in the store', async () => {
      const bundle = readBundle(bundleFile);
      const last = bundle.events.at(-1);
      if (last?.data) last.data['output'] = 1;
      const r = await target('import-run', writeBundle('other.json', bundle));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`switchyard: a different run with id ${done} already exists in this store\n`);
      expect((await target('history', done, '--json')).json).toEqual((await source('history', done, '--json')).json);
    });
  });
});
