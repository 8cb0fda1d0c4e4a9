/**
 * fast-check arbitraries for `switchyard` command lines, derived from the commands' own
 * declarations (positionals, options and their value placeholders), so that a new command or
 * option is fuzzed without a change here.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import type { Command } from '../../src/cli/command.js';
import { GLOBAL_OPTIONS, type OptionSpec } from '../../src/cli/options.js';
import type { FuzzFixtures } from './cli-fuzz-fixtures.js';

type Tokens = string[];

const numbers = fc.oneof(
  fc.constantFrom('0', '1', '2', '3', '-1', '1.5', '1e3', '0x10', ' 5', '٣', '', 'NaN', 'Infinity', '+7'),
  fc.constantFrom('65535', '65536', '2147483648', '9007199254740993', '99999999999999999999999999'),
  fc.integer({ min: -5, max: 100_000 }).map(String),
);

const json = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,]',
    "{'a': 1}",
    'undefined',
    'NaN',
    '1e400',
    '"',
    '',
    ' ',
    '{"__proto__": {"x": 1}}',
  ),
  fc.constantFrom(`${'['.repeat(250)}${']'.repeat(250)}`, `${'{"a":'.repeat(210)}1${'}'.repeat(210)}`),
  fc.string({ maxLength: 20 }),
);

/** Odd paths, none of which a command may write to outside the fixture folder. */
function oddPaths(fixtures: FuzzFixtures): fc.Arbitrary<string> {
  return fc.constantFrom(
    join(fixtures.dir, 'missing.flow.json'),
    join(fixtures.dir, 'no', 'such', 'dir', 'x.json'),
    fixtures.dir,
    '',
    ' ',
    '-',
    '/dev/zero',
    '/dev/null',
    '/proc/self/status',
    `${fixtures.dir}/nul\0byte.json`,
    join(fixtures.dir, 'x'.repeat(300)),
    join(fixtures.dir, 'ünïcødé 空 .flow.json'),
    'relative/missing.flow.json',
  );
}

/** Where a command may write: inside the fixture folder only (tests run as root on CI). */
function outPaths(fixtures: FuzzFixtures): fc.Arbitrary<string> {
  return fc.constantFrom(
    join(fixtures.dir, 'out.json'),
    join(fixtures.dir, 'no', 'such', 'dir', 'out.json'),
    fixtures.dir,
    join(fixtures.dir, 'folder.flow.json'),
    `${fixtures.dir}/nul\0byte.json`,
    join(fixtures.dir, 'y'.repeat(300)),
    '',
  );
}

/** `--db` values: absolute paths in the fixture folder, so no case creates a store anywhere else. */
function dbPaths(fixtures: FuzzFixtures): fc.Arbitrary<string> {
  return fc.constantFrom(
    fixtures.store,
    join(fixtures.dir, 'new.db'),
    join(fixtures.dir, 'no', 'such', 'dir', 'x.db'),
    fixtures.dir,
    join(fixtures.dir, 'notes.txt'),
    '',
  );
}

/** `--store` values: the `--db` ones, as URLs too, and stores that cannot be reached or are no store. */
function storeUrls(fixtures: FuzzFixtures): fc.Arbitrary<string> {
  return fc.oneof(
    dbPaths(fixtures),
    fc.constantFrom(
      `sqlite:${fixtures.store}`,
      `sqlite:${join(fixtures.dir, 'new.db')}`,
      'postgres://fuzz@127.0.0.1:1/switchyard',
      'postgresql://:@127.0.0.1:1',
      'mysql://127.0.0.1/x',
      'sqlite:',
    ),
  );
}

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('ana', 'bob', '-', '--', '--json', 'x'.repeat(5000)),
);

/** Values for one option, by the placeholder its help shows. */
function optionValues(name: string, spec: OptionSpec, fixtures: FuzzFixtures): fc.Arbitrary<string> {
  const files = fc.oneof(fc.constantFrom(...fixtures.flows, ...fixtures.files), oddPaths(fixtures));
  if (name === 'out') return outPaths(fixtures);
  if (name === 'port') return fc.oneof(fc.constant('0'), numbers);
  switch (spec.value) {
    case 'N':
    case 'MS':
    case 'SEQ':
      return numbers;
    case 'JSON':
      return json;
    case 'F':
    case 'FILE':
      return files;
    case 'PATH':
      return dbPaths(fixtures);
    case 'URL':
      return storeUrls(fixtures);
    case 'DIR':
      return fc.constantFrom(fixtures.dir, join(fixtures.dir, 'missing'), join(fixtures.dir, 'notes.txt'), '');
    case 'H':
      return fc.constantFrom('127.0.0.1', 'localhost', '::1', '0.0.0.0', '');
    case 'S':
      return fc.oneof(fc.constantFrom('running', 'waiting', 'completed', 'failed', 'cancelled'), text);
    default:
      return text;
  }
}

/** `--name value`, `--name=value`, or the option alone (its value missing), for one option. */
function optionTokens(name: string, spec: OptionSpec, fixtures: FuzzFixtures): fc.Arbitrary<Tokens> {
  if (spec.type === 'boolean')
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant<Tokens>([`--${name}`]) },
      { weight: 1, arbitrary: text.map((v): Tokens => [`--${name}=${v}`]) },
    );
  const value = optionValues(name, spec, fixtures);
  return fc.oneof(
    { weight: 6, arbitrary: value.map((v): Tokens => [`--${name}`, v]) },
    { weight: 2, arbitrary: value.map((v): Tokens => [`--${name}=${v}`]) },
    { weight: 1, arbitrary: fc.constant<Tokens>([`--${name}`]) },
  );
}

function positionalValues(name: string, fixtures: FuzzFixtures): fc.Arbitrary<string> {
  switch (name) {
    case 'FILE':
      return fc.oneof(fc.constantFrom(...fixtures.flows, ...fixtures.files), oddPaths(fixtures));
    case 'RUN':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...fixtures.runs) },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom('r_nope', 'r_', ''), text) },
      );
    case 'NODE':
      return fc.oneof(fc.constantFrom('boss', 'start', 'payment', 'nope'), text);
    case 'EVENT':
      return fc.oneof(fc.constantFrom('paid', 'voided', 'nope'), text);
    default:
      return text;
  }
}

/** How much likelier an option is left out than given (given: 2); help would hide the rest. */
const ABSENT_WEIGHT: Readonly<Record<string, number>> = { help: 40, debug: 12, json: 2, store: 4, db: 4 };

const unknownOptions = fc.constantFrom<Tokens>(
  ['--nope'],
  ['-x'],
  ['--'],
  ['-'],
  ['---'],
  ['--db='],
  ['--JSON'],
  ['-h'],
);

/** The argument groups of one command: positionals (some missing, maybe one extra), options, globals, junk. */
function commandGroups(command: Command, fixtures: FuzzFixtures): fc.Arbitrary<Tokens[]> {
  const positionals = command.positionals.map((name) =>
    fc.oneof(
      { weight: 9, arbitrary: positionalValues(name, fixtures).map((v): Tokens => [v]) },
      { weight: 1, arbitrary: fc.constant<Tokens>([]) },
    ),
  );
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  const optionGroups = Object.entries(options).map(([name, spec]) =>
    fc.oneof(
      { weight: ABSENT_WEIGHT[name] ?? 3, arbitrary: fc.constant<Tokens>([]) },
      { weight: 2, arbitrary: optionTokens(name, spec, fixtures) },
    ),
  );
  const junk = fc
    .array(
      fc.oneof(
        unknownOptions,
        text.map((t): Tokens => [t]),
      ),
      { maxLength: 1 },
    )
    .map((groups) => groups.flat());
  return fc.tuple(...positionals, ...optionGroups, fc.option(junk, { freq: 4, nil: [] as Tokens }));
}

/**
 * A command line: mostly a known command with generated arguments in any order, sometimes
 * `help`, no command, or a misspelt one.
 */
export function commandLine(commands: readonly Command[], fixtures: FuzzFixtures): fc.Arbitrary<string[]> {
  const known = fc
    .constantFrom(...commands)
    .chain((command) =>
      commandGroups(command, fixtures).chain((groups) =>
        fc.shuffledSubarray(groups, { minLength: groups.length }).map((shuffled) => ({ command, shuffled })),
      ),
    )
    .chain(({ command, shuffled }) =>
      // Mostly first: a value before the command word makes that value the command.
      fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, fc.nat({ max: Math.min(shuffled.length, 2) })).map((at) => {
        const tokens = shuffled.map((g) => g);
        tokens.splice(at, 0, [command.name]);
        return tokens.flat();
      }),
    );
  const other = fc.oneof(
    fc.constantFrom<Tokens>(
      ['help'],
      ['help', 'run'],
      ['help', 'nope'],
      [],
      ['--help'],
      ['--json'],
      ['rn', 'x'],
      ['RUN'],
    ),
    fc.array(text, { maxLength: 4 }),
  );
  return fc.oneof({ weight: 12, arbitrary: known }, { weight: 1, arbitrary: other });
}
