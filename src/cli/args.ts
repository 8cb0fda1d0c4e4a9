import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SwitchyardError } from '#shared';
import type { Io } from './io.js';
import { GLOBAL_OPTIONS, type GlobalOptions, type OptionSpecs, type RawArgs } from './options.js';
import { chooseStore } from './store-option.js';

export interface CommandLine {
  globals: GlobalOptions;
  raw: RawArgs;
}

const Globals = z.object({
  store: z.string().min(1, 'expected a store URL').optional(),
  db: z.string().min(1, 'expected a file path').optional(),
  secrets: z.string().min(1, 'expected a file path').optional(),
  json: z.boolean().default(false),
  debug: z.boolean().default(false),
  help: z.boolean().default(false),
});

function usage(message: string, hint: string): SwitchyardError {
  return new SwitchyardError('BAD_USAGE', `${message}; see ${hint}`);
}

function takesValue(token: string): boolean {
  return Object.entries(GLOBAL_OPTIONS).some(
    ([name, spec]) =>
      spec.type === 'string' && (token === `--${name}` || (spec.short !== undefined && token === `-${spec.short}`)),
  );
}

/** Finds the command word: the first argument that is neither an option nor a global option's value. */
export function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') break;
    if (token.startsWith('-') && token.length > 1) {
      if (takesValue(token)) i++;
      continue;
    }
    return { command: token, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { command: undefined, rest: [...argv] };
}

/** node:util parseArgs errors, rewritten as one short line. */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (/argument missing/.test(message) && option) return `option ${option} needs a value`;
  if (/ambiguous/.test(message) && option)
    return `option ${option} needs a value (write ${option}=VALUE for a value that starts with "-")`;
  if (/does not take an argument/.test(message) && option) return `option ${option} does not take a value`;
  return message.split('\n')[0] ?? message;
}

/**
 * Parses global and command options anywhere on the line (strict: unknown options are errors);
 * the run store comes from `--store`/`--db` or, without them, from the environment.
 */
export function parseCommandLine(
  argv: readonly string[],
  options: OptionSpecs,
  hint: string,
  env: Io['env'],
): CommandLine {
  const all = { ...GLOBAL_OPTIONS, ...options };
  const config = Object.fromEntries(
    Object.entries(all).map(([name, spec]) => [
      name,
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (err) {
    throw usage(describeParseError(err), hint);
  }
  const values: RawArgs['values'] = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (name in GLOBAL_OPTIONS) continue;
    // Repeated string options arrive as arrays only with `multiple`, which no option uses.
    if (typeof value === 'string' || typeof value === 'boolean') values[name] = value;
  }
  const globals = Globals.safeParse(parsed.values);
  if (!globals.success) {
    const issue = globals.error.issues[0];
    throw usage(`--${String(issue?.path[0] ?? 'db')}: ${issue?.message ?? 'invalid'}`, hint);
  }
  const { store, db, secrets, ...flags } = globals.data;
  const secretsFile = secrets ?? (env['SWITCHYARD_SECRETS_FILE'] || undefined);
  return {
    globals: { ...flags, store: chooseStore({ store, db }, env, hint), secretsFile },
    raw: { positionals: parsed.positionals, values },
  };
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Turns a command's raw arguments into the object its zod schema checks: positionals by
 * their lower-cased name (`RUN` → `run`), options camel-cased (`--max-steps` → `maxSteps`).
 */
export function commandInput(
  positionals: readonly string[],
  raw: RawArgs,
  hint: string,
): { input: Record<string, unknown>; names: Map<string, string> } {
  const names = new Map<string, string>();
  const input: Record<string, unknown> = {};
  const extra = raw.positionals[positionals.length];
  if (extra !== undefined) throw usage(`unexpected argument "${extra}"`, hint);
  positionals.forEach((name, i) => {
    const value = raw.positionals[i];
    if (value === undefined) throw usage(`missing ${name}`, hint);
    input[name.toLowerCase()] = value;
    names.set(name.toLowerCase(), name);
  });
  for (const [name, value] of Object.entries(raw.values)) {
    input[camelCase(name)] = value;
    names.set(camelCase(name), `--${name}`);
  }
  return { input, names };
}

/** Validates a command's arguments with its schema; the first problem becomes a usage error. */
export function checkArgs<S extends z.ZodType>(
  schema: S,
  positionals: readonly string[],
  raw: RawArgs,
  hint: string,
): z.output<S> {
  const { input, names } = commandInput(positionals, raw, hint);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  const where = typeof key === 'string' ? `${names.get(key) ?? `--${key}`}: ` : '';
  throw usage(`${where}${issue?.message ?? 'invalid arguments'}`, hint);
}
