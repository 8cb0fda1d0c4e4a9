import { closestName } from '#shared';
import type { Command } from './command.js';
import { GLOBAL_OPTIONS, type OptionSpecs } from './options.js';

function optionLines(options: OptionSpecs): string[] {
  const entries = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? '' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(0, ...entries.map(([flag]) => flag.length));
  return entries.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`);
}

const EXIT_CODES = [
  'Exit codes: 0 done (run completed or cancelled), 1 the run failed (replay: the run',
  'diverged), 3 the run waits (approval, signal, timer), 2 refused before anything changed',
  '(bad usage, invalid workflow, input or bundle, unknown run, a decision that does not fit).',
];

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: switchyard <command> [options]',
    '',
    'Runs Switchyard workflows (NAME.flow.json) headless, with their history in a run store (a SQLite',
    'file, or a PostgreSQL database that several machines share).',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    ...EXIT_CODES,
    '',
    'Run `switchyard <command> --help` for the options of a command.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const own = Object.keys(command.options).length > 0 ? ['', 'Options:', ...optionLines(command.options)] : [];
  return [
    `Usage: switchyard ${command.usage}`,
    '',
    command.summary,
    '',
    command.description,
    ...own,
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
  ].join('\n');
}

/** The closest command name, for "did you mean" hints. */
export function closestCommand(name: string, commands: readonly Command[]): string | undefined {
  return closestName(
    name,
    commands.map((c) => c.name),
  );
}
