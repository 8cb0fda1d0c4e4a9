/**
 * Long-running `switchyard` child processes for tests (serve, worker): output collected as it
 * comes, killed in whatever way a test needs, and all killed at the end of the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli-harness.js';

const started = new Set<ChildProcess>();

export interface CliProcess {
  readonly process: ChildProcess;
  /** Its stdout so far. */
  stdout(): string;
  /** Its stderr so far (log lines, the banner). */
  stderr(): string;
  /** Its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `switchyard ARGS` in `cwd`. SWITCHYARD_STORE is cleared so that only `args` decide the
 * store.
 */
export function spawnCli(cwd: string, args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', SWITCHYARD_STORE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      started.delete(child);
      resolve(code);
    }),
  );
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Kills every process the file started that still runs (afterAll). */
export function killCliProcesses(): void {
  for (const child of [...started]) child.kill('SIGKILL');
  started.clear();
}

/** Resolves with the first match of `pattern` in the process's stdout; rejects once it exits without one. */
export function stdoutMatch(cli: CliProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const found = pattern.exec(cli.stdout());
      if (found === null) return;
      cli.process.stdout?.off('data', check);
      resolve(found);
    };
    cli.process.stdout?.on('data', check);
    check();
    void cli.exited.then((code) =>
      reject(new Error(`switchyard exited (${code ?? 'signal'}) before printing ${pattern}: ${cli.stderr()}`)),
    );
  });
}
