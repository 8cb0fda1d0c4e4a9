import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SwitchyardError, type RunBundle } from '#shared';
import { readRunBundleFile, writeRunBundleFile } from './run-bundle-file.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bundle-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundle = {
  format: 'switchyard/run-bundle@1',
  workflow: {
    format: 'switchyard/workflow@1',
    id: 'tiny',
    name: 'tiny',
    version: 1,
    nodes: [{ id: 'start', kind: 'start' }],
    edges: [],
  },
  run: { id: 'r_1', status: 'running', startedAt: '2026-01-01T00:00:00.000Z' },
  events: [
    {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      type: 'run.started',
      data: { input: {}, workflowId: 'tiny', version: 1 },
    },
  ],
} as unknown as RunBundle;

function refusal(work: () => unknown): SwitchyardError {
  try {
    work();
  } catch (err) {
    if (err instanceof SwitchyardError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('writeRunBundleFile', () => {
  it('writes the bundle whole, leaving no temp file', () => {
    const file = join(dir, 'run.json');
    writeRunBundleFile(file, bundle);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(bundle);
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  // The fuzz suite found these ending as internal errors: the temp file's cleanup threw as well.
  it('refuses a name too long or a path with a NUL byte with one clear line, not an internal error', () => {
    const long = join(dir, 'y'.repeat(300));
    expect(refusal(() => writeRunBundleFile(long, bundle))).toMatchObject({
      code: 'NOT_FOUND',
      message: `cannot write ${long}: the name is too long`,
    });
    expect(refusal(() => writeRunBundleFile(join(dir, 'nul\0.json'), bundle))).toMatchObject({
      code: 'NOT_FOUND',
      message: `cannot write ${join(dir, 'nul\\x00.json')}: a file path cannot contain a NUL byte`,
    });
    expect(existsSync(join(dir, 'nul'))).toBe(false);
  });

  it('says when the folder is missing or the target is a directory', () => {
    const missing = join(dir, 'no', 'run.json');
    expect(refusal(() => writeRunBundleFile(missing, bundle)).message).toBe(
      `cannot write ${missing}: its folder does not exist`,
    );
    expect(refusal(() => writeRunBundleFile(dir, bundle)).message).toMatch(/^cannot write .*: /);
  });
});

describe('readRunBundleFile', () => {
  it('refuses a path with a NUL byte or a too long name clearly', () => {
    expect(refusal(() => readRunBundleFile('a\0b')).message).toBe(
      'cannot read a\\x00b: a file path cannot contain a NUL byte',
    );
    const long = join(dir, 'z'.repeat(300));
    expect(refusal(() => readRunBundleFile(long)).message).toBe(`cannot read ${long}: the name is too long`);
  });
});
