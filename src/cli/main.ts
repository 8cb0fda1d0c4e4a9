import { SwitchyardError } from '#shared';
import { parseCommandLine, splitCommand } from './args.js';
import { helpHint, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { installCrashGuard } from './crash-guard.js';
import { closestCommand, commandHelp, mainHelp } from './help.js';
import { processIo, type Io } from './io.js';
import { Output } from './output.js';
import { reportError } from './report-error.js';

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const near = closestCommand(name, COMMANDS);
  const hint = near === undefined ? '' : ` (did you mean ${near}?)`;
  throw new SwitchyardError('BAD_USAGE', `unknown command "${name}"${hint}; see switchyard --help`);
}

/** `switchyard`, `switchyard --help`, `switchyard help [COMMAND]`. */
function printHelp(io: Io, topic: string | undefined): number {
  io.stdout(`${topic === undefined ? mainHelp(COMMANDS) : commandHelp(findCommand(topic))}\n`);
  return 0;
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const { command: name, rest } = splitCommand(argv);
  if (name === 'help') return printHelp(io, splitCommand(rest).command);
  if (name === undefined) {
    const { globals } = parseCommandLine(rest, {}, 'switchyard --help', io.env);
    if (globals.help) return printHelp(io, undefined);
    throw new SwitchyardError('BAD_USAGE', 'missing command; see switchyard --help');
  }
  const command = findCommand(name);
  const { globals, raw } = parseCommandLine(rest, command.options, helpHint(command.name), io.env);
  if (globals.help) {
    io.stdout(`${commandHelp(command)}\n`);
    return 0;
  }
  return command.execute({ globals, io, out: new Output(io, globals.json) }, raw);
}

/**
 * The `switchyard` command (DESIGN §5). Returns the exit code; never throws.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const debug = argv.includes('--debug');
  if (io === processIo) installCrashGuard(io, debug);
  try {
    return await dispatch(argv, io);
  } catch (err) {
    return reportError(err, io, debug);
  }
}
