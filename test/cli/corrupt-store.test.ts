import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, writeFlow, type Outcome } from './cli-harness.js';
import { pricedFlow } from './history-flows.js';

const ws = makeWorkspace();
afterAll(ws.cleanup);

let bundle: string;
let garbage: Buffer;

beforeAll(async () => {
  const file = writeFlow(ws.dir, 'priced', pricedFlow);
  const run = await runCli(['run', file, '--input', '{"amount":5}', '--json', '--db', 'good.db'], { cwd: ws.dir });
  const runId = (run.json as Outcome).runId;
  bundle = 'good.bundle.json';
  expect((await runCli(['export-run', runId, '--out', bundle, '--db', 'good.db'], { cwd: ws.dir })).code).toBe(0);
  // Bytes that cannot be mistaken for an SQLite header (which starts "SQLite format 3\0").
  garbage = Buffer.concat([Buffer.from('not a database\n'), randomBytes(8192)]);
  writeFileSync(join(ws.dir, 'garbage.db'), garbage);
});

describe('a run store file that is not a database', () => {
  const commands: string[][] = [
    ['runs'],
    ['history', 'r_1'],
    ['state', 'r_1', '--at', '1'],
    ['fork', 'r_1', '--at', '1'],
    ['export-run', 'r_1'],
    ['replay', 'r_1', '--against', 'priced.flow.json'],
    ['approve', 'r_1', 'boss'],
    ['resume'],
    ['run', 'priced.flow.json'],
  ];

  it.each(commands.map((c) => [c.join(' '), c] as const))('%s: exit 2, one line, file unchanged', async (_, args) => {
    const r = await runCli([...args, '--db', 'garbage.db'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('switchyard: garbage.db is not a Switchyard run store (file is not a database)\n');
    expect(r.stdout).toBe('');
    expect(readFileSync(join(ws.dir, 'garbage.db')).equals(garbage)).toBe(true);
    expect(existsSync(join(ws.dir, 'garbage.db-wal'))).toBe(false);
  });

  it('import-run: exit 2, one line, file unchanged', async () => {
    const r = await runCli(['import-run', bundle, '--db', 'garbage.db'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('switchyard: garbage.db is not a Switchyard run store (file is not a database)\n');
    expect(readFileSync(join(ws.dir, 'garbage.db')).equals(garbage)).toBe(true);
  });
});
