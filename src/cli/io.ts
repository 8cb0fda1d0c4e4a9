/** Where the CLI writes and what it reads from its process; tests may pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** All of standard input as text (only commands that read a secret ask). */
  readStdin?: () => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Set once the reader of standard output is gone (`switchyard history RUN | head`): later output is dropped. */
let stdoutGone = false;

/**
 * Lets a command whose output reader went away finish its work quietly, as Unix tools do,
 * instead of dying on EPIPE with a stack trace (and possibly between two commits).
 */
export function dropOutputWhenReaderLeaves(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutGone = true;
  });
}

export const processIo: Io = {
  stdout: (text) => {
    if (!stdoutGone) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: readProcessStdin,
};
