import { dropOutputWhenReaderLeaves, type Io } from './io.js';

let installed = false;

/**
 * A promise rejected with nobody listening, or output written to a reader that went away, would
 * otherwise kill the process with a stack trace, possibly between two commits: report the first
 * as the internal error it is, drop the output of the second.
 */
export function installCrashGuard(io: Io, debug: boolean): void {
  if (installed) return;
  installed = true;
  dropOutputWhenReaderLeaves();
  process.on('unhandledRejection', (reason) => {
    const message = reason instanceof Error ? reason.message : String(reason);
    io.stderr(`switchyard: internal error (unhandled rejection): ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (debug && reason instanceof Error && reason.stack) io.stderr(`${reason.stack}\n`);
    process.exitCode = 1;
  });
}
