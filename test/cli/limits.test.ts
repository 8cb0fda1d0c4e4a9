import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#shared';
import { makeWorkspace, runCli, writeFlow } from './cli-harness.js';
import { linearFlow } from './flows.js';

const ws = makeWorkspace('switchyard-limits-');
afterAll(ws.cleanup);
const linear = writeFlow(ws.dir, 'linear', linearFlow);
const deepJson = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('limits on CLI input', () => {
  it('refuses a device as --input-file before reading it', async () => {
    const result = await runCli(['run', linear, '--input-file', '/dev/zero', '--db', 'x.db'], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('switchyard: cannot read /dev/zero: not a regular file (a device or a pipe)\n');
  });

  it('refuses --input nested past the limit (exit 2), naming the limit', async () => {
    const result = await runCli(['run', linear, '--input', deepJson(5000), '--db', 'x.db'], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`more than ${LIMITS.jsonDepth} levels deep (limit jsonDepth)`);
  });

  it('reports a workflow file nested past the limit as a problem, not a crash', async () => {
    const file = writeFlow(ws.dir, 'deep', `{"format": "switchyard/workflow@1", "junk": ${deepJson(20_000)}}`);
    const result = await runCli(['validate', file], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('(limit jsonDepth)');
  });
});
