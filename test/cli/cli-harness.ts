import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI entry the tests run (it loads the built dist/cli.js). */
export const BIN = fileURLToPath(new URL('../../bin/switchyard.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** With --json: the last non-empty stdout line, parsed (undefined if it is not JSON). */
  json: unknown;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Kills a hung CLI; a limit against hangs, not a performance assertion. */
  timeoutMs?: number;
  /** Text fed to standard input (else stdin is closed). */
  stdin?: string;
}

function lastJsonLine(stdout: string): unknown {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return undefined;
  }
}

/** Runs `node bin/switchyard.js ARGS` in a child process (async, so in-test servers keep answering). */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Closed at once: a command that reads stdin sees the text, or the end of it.
    child.stdin.end(options.stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, json: args.includes('--json') ? lastJsonLine(stdout) : undefined });
    });
  });
}

/** A fresh temp dir for one test file; `cleanup` removes it. */
export function makeWorkspace(prefix = 'switchyard-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `NAME.flow.json` into `dir`; returns the file name (relative to dir). */
export function writeFlow(dir: string, name: string, doc: unknown): string {
  const file = `${name}.flow.json`;
  writeFileSync(join(dir, file), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return file;
}

interface FlowParts {
  nodes: unknown[];
  edges: unknown[];
  input?: Record<string, unknown>;
}

/** A format-1 workflow document with sensible defaults. */
export function flow(id: string, parts: FlowParts): Record<string, unknown> {
  return { format: 'switchyard/workflow@1', id, name: id, version: 1, ...parts };
}

/** Edges `a -> b -> c` on the default port. */
export function chain(...ids: string[]): { from: string; to: string }[] {
  return ids.slice(1).map((to, i) => ({ from: ids[i] ?? '', to }));
}

/** The `--json` outcome line of run/approve/signal/cancel. */
export interface Outcome {
  runId: string;
  status: string;
  output: unknown;
  error: { code: string; message: string } | null;
  waitingOn: { node: string; kind: string; dueAt?: string }[];
}

export interface EventJson {
  seq: number;
  at: string;
  type: string;
  node?: string;
  data?: Record<string, unknown>;
}
