/**
 * Fuzzing the command line (seeded: FUZZ_SEED; FUZZ_RUNS widens it): generated argument lists
 * for every command — options in any order, missing and extra positionals, unknown options,
 * malformed JSON, huge and odd numbers, odd paths, odd stores — through the CLI's own entry in
 * this process. Each must end with an exit code the README documents (0, 1, 2, 3), a
 * `switchyard: …` line when it is refused (2), no stack trace and no internal error; and a
 * command that only reads, or that was refused, leaves the store exactly as it was.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitCommand } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { commandLine } from './argv-arbitraries.js';
import { runCli, type CliResult } from './cli-harness.js';
import { makeFuzzFixtures, resetStore, type FuzzFixtures } from './cli-fuzz-fixtures.js';
import { runInProcess, type InProcessResult } from './in-process-cli.js';
import { storeDigest } from './store-digest.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 600);
const TIME_LIMIT_MS = 45_000;
/** Spawned cases are ~100 times slower: a few, to cover the real process (its exit code, its crash guard). */
const SPAWNED_RUNS = Number(process.env['FUZZ_SPAWNED_RUNS'] ?? 10);
const RUNS_UNTIL_STOPPED = new Set(['serve', 'worker']);
const READ_ONLY = new Set(['validate', 'compile', 'runs', 'history', 'state', 'export-run', 'replay', 'help']);
const EXIT_CODES = [0, 1, 2, 3];
/** A stack frame line: `    at fn (file.js:1:2)` or `    at file.js:1:2`. */
const STACK_FRAME = /^\s+at \S.*:\d+:\d+\)?$/m;

/** zod's own wording, which names no option and says nothing to a person at a terminal. */
const ZOD_DEFAULT =
  /\b(Too small|Too big|Invalid input|Invalid option|expected (string|number|int|boolean), received)\b/;
/** Lines that may come before the reason: a workflow's warnings, log lines. */
const ASIDE = /^(\S.*: warning: |\[(debug|info|warn|error)\] )/;

const root = mkdtempSync(join(tmpdir(), 'switchyard-cli-fuzz-'));
let fixtures: FuzzFixtures;
const tally = new Map<number, number>();

/** What the working directory held before: relative paths in a command line resolve there. */
let cwdBefore: string[] = [];
beforeAll(async () => {
  cwdBefore = readdirSync(process.cwd()).sort();
  fixtures = await makeFuzzFixtures(root);
});
afterAll(() => {
  console.log(`cli argument fuzz (FUZZ_SEED=${SEED}): exit codes ${JSON.stringify(Object.fromEntries(tally))}`);
  rmSync(root, { recursive: true, force: true });
});

/** Whether the command line can only read the store: a read-only command, help, or no command at all. */
function onlyReads(argv: readonly string[]): boolean {
  const { command } = splitCommand(argv);
  if (argv.includes('--help') || argv.includes('-h')) return true;
  return command === undefined || READ_ONLY.has(command) || !COMMANDS.some((c) => c.name === command);
}

function expectClearEnding(argv: readonly string[], result: InProcessResult | CliResult): void {
  const what = `switchyard ${JSON.stringify(argv)} → ${result.code}\nstdout: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr}`;
  expect(EXIT_CODES, what).toContain(result.code);
  expect(result.stderr, what).not.toMatch(/internal error/);
  expect(result.stderr, `${what}: a schema library's message, not one written for the reader`).not.toMatch(ZOD_DEFAULT);
  if (!argv.includes('--debug')) {
    expect(result.stderr, what).not.toMatch(STACK_FRAME);
    expect(result.stdout, what).not.toMatch(STACK_FRAME);
  }
  if (result.code !== 2) return;
  // A refusal says why: `switchyard: …` on stderr, or a validation's problem lines on stdout.
  expect(`${result.stderr}${result.stdout}`.trim(), what).not.toBe('');
  const said = result.stderr.split('\n').find((line) => line !== '' && !ASIDE.test(line));
  if (said !== undefined) expect(said, what).toMatch(/^switchyard: \S/);
}

describe(`fuzz: command lines (FUZZ_SEED=${SEED})`, () => {
  it('ends every command line with a documented exit code and a clear message; reads and refusals change nothing', async () => {
    const newStore = () => join(fixtures.dir, 'new.db');
    await fc.assert(
      fc.asyncProperty(commandLine(COMMANDS, fixtures), async (argv) => {
        resetStore(fixtures);
        rmSync(newStore(), { force: true });
        const before = storeDigest(fixtures.store);
        const result = await runInProcess(argv, { env: { SWITCHYARD_STORE: fixtures.store, USER: 'fuzz' } });
        tally.set(result.code, (tally.get(result.code) ?? 0) + 1);
        expectClearEnding(argv, result);
        if (onlyReads(argv) || result.code === 2) {
          const what = `switchyard ${JSON.stringify(argv)} → ${result.code}: ${result.stderr}`;
          expect(storeDigest(fixtures.store), `${what}: the store changed`).toBe(before);
          expect(existsSync(newStore()), `${what}: a store file appeared`).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  it('ends the same way as a process of its own', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine(COMMANDS, fixtures), async (argv) => {
        // A process argument cannot hold a NUL byte; serve and worker run until stopped.
        fc.pre(!argv.some((arg) => arg.includes('\0')) && !RUNS_UNTIL_STOPPED.has(splitCommand(argv).command ?? ''));
        resetStore(fixtures);
        const before = storeDigest(fixtures.store);
        const result = await runCli(argv, { cwd: fixtures.dir, env: { SWITCHYARD_STORE: fixtures.store } });
        expectClearEnding(argv, result);
        if (onlyReads(argv) || result.code === 2) expect(storeDigest(fixtures.store)).toBe(before);
      }),
      { seed: SEED, numRuns: SPAWNED_RUNS, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('created nothing in the working directory', () => {
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
  });
});
