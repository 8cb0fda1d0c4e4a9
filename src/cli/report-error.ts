import { SwitchyardError } from '#shared';
import type { Io } from './io.js';

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Prints an error as `switchyard: <message>` (plus the problem lines a SwitchyardError carries
 * as details) and returns the exit code: 2 for errors the program expects (refusals, bad input,
 * unreadable files), 1 for anything else, which is a bug. Stack traces only with --debug.
 */
export function reportError(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof SwitchyardError) {
    io.stderr(`switchyard: ${oneLine(err.message)}\n`);
    // Details that the message already spells out (input problems) are not repeated.
    for (const detail of err.details) if (!err.message.includes(detail)) io.stderr(`${detail}\n`);
    if (debug && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`switchyard: internal error: ${oneLine(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return 1;
}
