import type { z } from 'zod';
import { checkArgs } from './args.js';
import type { Io } from './io.js';
import type { GlobalOptions, OptionSpecs, RawArgs } from './options.js';
import type { Output } from './output.js';

export interface CommandContext {
  globals: GlobalOptions;
  io: Io;
  out: Output;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The synopsis after `switchyard`, e.g. `history RUN`. */
  usage: string;
  /** Paragraphs shown by `--help`: behaviour, output, exit codes. */
  description: string;
  positionals: readonly string[];
  options: OptionSpecs;
  execute: (ctx: CommandContext, raw: RawArgs) => Promise<number>;
}

export interface CommandSpec<S extends z.ZodType> extends Omit<Command, 'execute'> {
  /** Checks the arguments: positionals by lower-cased name, options camel-cased. */
  schema: S;
  /** Does the work; returns the exit code. */
  run: (ctx: CommandContext, args: z.output<S>) => Promise<number>;
}

export function helpHint(name: string): string {
  return `switchyard ${name} --help`;
}

/** A command whose arguments are checked by its zod schema before it runs. */
export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): Command {
  const { schema, run, ...info } = spec;
  return {
    ...info,
    execute: (ctx, raw) => run(ctx, checkArgs(schema, spec.positionals, raw, helpHint(spec.name))),
  };
}
