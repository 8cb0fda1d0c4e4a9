import { z } from 'zod';
import { hashSecret, newToken } from '#backend';
import { SwitchyardError } from '#shared';
import { defineCommand } from '../command.js';

/** The secret is the first line of stdin, so `echo secret |` and a typed line both work. */
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

export const hashPasswordCommand = defineCommand({
  name: 'hash-password',
  summary: 'hash a password or token for a users file (serve --users)',
  usage: 'hash-password [--new-token]',
  description: [
    'Reads a password from the first line of standard input and prints its hash,',
    'scrypt$N$r$p$SALT$HASH, for the "passwordHash" (or "tokenHash") of a users file:',
    "  printf '%s\\n' 'correct horse' | switchyard hash-password",
    'With --new-token it reads nothing: it makes a random bearer token and prints the token',
    '(give it to the program that will call the API; it is not stored) and then its hash.',
    'With --json: {"hash"} or {"token", "hash"}.',
  ].join('\n'),
  positionals: [],
  options: {
    'new-token': { type: 'boolean', description: 'make a random token instead of reading a password' },
  },
  schema: z.object({ newToken: z.boolean().optional() }),
  async run({ io, out }, args) {
    if (args.newToken === true) {
      const token = newToken();
      const hash = await hashSecret(token);
      out.result({ token, hash }, () => {
        out.line(`token: ${token}`);
        out.line(`hash:  ${hash}`);
      });
      return 0;
    }
    if (io.readStdin === undefined)
      throw new SwitchyardError('BAD_USAGE', 'hash-password reads the password from stdin');
    const secret = firstLine(await io.readStdin());
    if (secret === '')
      throw new SwitchyardError(
        'BAD_USAGE',
        "no password on stdin: pipe it in, e.g. printf '%s\\n' 'correct horse' | switchyard hash-password",
      );
    const hash = await hashSecret(secret);
    out.result({ hash }, () => out.line(hash));
    return 0;
  },
});
