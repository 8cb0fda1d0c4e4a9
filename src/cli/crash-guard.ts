import type { Io } from './io.js';

let installed = false;

/**
 * A promise rejected with nobody listening would otherwise kill the process with a stack
 * trace, possibly between two commits; report it as the internal error it is instead.
 */
export function installCrashGuard(io: Io, debug: boolean): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    const message = reason instanceof Error ? reason.message : String(reason);
    io.stderr(`switchyard: internal error (unhandled rejection): ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (debug && reason instanceof Error && reason.stack) io.stderr(`${reason.stack}\n`);
    process.exitCode = 1;
  });
}
