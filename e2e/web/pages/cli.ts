import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliPath } from '../serve-fixture.js';

const run = promisify(execFile);

export interface CliRunResult {
  exitCode: number;
  /** The last line of stdout, parsed (`{runId, status, output, error, waitingOn}`). */
  outcome: { status?: unknown; output?: unknown; error?: unknown };
  stdout: string;
  stderr: string;
}

/** `switchyard run FILE --json --db DIR/cli-runs.db [--input JSON]`, as a user would run an exported file. */
export async function runWithCli(file: string, dir: string, input?: unknown): Promise<CliRunResult> {
  const args = [cliPath, 'run', file, '--json', '--db', join(dir, 'cli-runs.db')];
  if (input !== undefined) args.push('--input', JSON.stringify(input));
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  try {
    ({ stdout, stderr } = await run(process.execPath, args, { timeout: 30_000 }));
  } catch (err) {
    const failed = err as { code?: unknown; stdout?: string; stderr?: string };
    exitCode = typeof failed.code === 'number' ? failed.code : -1;
    stdout = failed.stdout ?? '';
    stderr = failed.stderr ?? String(err);
  }
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let outcome: CliRunResult['outcome'] = {};
  try {
    outcome = JSON.parse(last) as CliRunResult['outcome'];
  } catch {
    // Left empty: the test's expectation on the outcome fails and prints stdout/stderr.
  }
  return { exitCode, outcome, stdout, stderr };
}
