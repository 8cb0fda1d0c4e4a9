import { z } from 'zod';
import { PrincipalName, SwitchyardError } from '#shared';
import { parseJsonText } from './json-text.js';
import { issueText } from './param-errors.js';
import { parseSecretHash, SecretHashText, type SecretHash } from './secret-hash.js';
import { readTextFile } from './workflow-file.js';

const UserEntry = z
  .strictObject(
    {
      name: PrincipalName,
      /** Signs in to the web UI with name + password. */
      passwordHash: SecretHashText.optional(),
      /** Programs send `Authorization: Bearer TOKEN`. */
      tokenHash: SecretHashText.optional(),
      groups: z.array(PrincipalName, { error: 'expected a list of group names' }).optional(),
    },
    { error: 'expected a user: {"name": …, "passwordHash": …}' },
  )
  .refine((user) => user.passwordHash !== undefined || user.tokenHash !== undefined, {
    message: 'a user needs a passwordHash, a tokenHash or both',
  });

/**
 * A users file (`serve --users FILE`):
 * `{"users": [{"name": "ana", "passwordHash": "scrypt$…", "tokenHash": "scrypt$…", "groups": ["finance"]}]}`.
 */
export const UsersFileSchema = z
  .strictObject({
    users: z
      .array(UserEntry, { error: 'expected a list of users: {"users": [{"name": …, "passwordHash": …}]}' })
      .min(1, 'list at least one user'),
  })
  .superRefine(({ users }, ctx) => {
    const seen = new Set<string>();
    users.forEach((user, index) => {
      if (seen.has(user.name))
        ctx.addIssue({ code: 'custom', path: ['users', index, 'name'], message: `${user.name} is listed twice` });
      seen.add(user.name);
    });
  });

export interface UserRecord {
  name: string;
  groups: string[];
  password?: SecretHash;
  token?: SecretHash;
}

function toRecord(entry: z.output<typeof UserEntry>): UserRecord {
  const record: UserRecord = { name: entry.name, groups: entry.groups ?? [] };
  const password = entry.passwordHash === undefined ? undefined : parseSecretHash(entry.passwordHash);
  const token = entry.tokenHash === undefined ? undefined : parseSecretHash(entry.tokenHash);
  if (password !== undefined) record.password = password;
  if (token !== undefined) record.token = token;
  return record;
}

/** Checks a users file's text; BAD_USAGE names the file and every offending field. */
export function parseUsersFile(path: string, text: string): UserRecord[] {
  let value: unknown;
  try {
    value = parseJsonText(`users file ${path}`, text);
  } catch (err) {
    if (err instanceof SwitchyardError) throw new SwitchyardError('BAD_USAGE', err.message);
    throw err;
  }
  const parsed = UsersFileSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => issueText(issue, '(the whole file)'));
    throw new SwitchyardError('BAD_USAGE', `users file ${path}: ${lines.join('; ')}`, lines);
  }
  return parsed.data.users.map(toRecord);
}

/** Reads and checks a users file (see parseUsersFile). */
export function loadUsersFile(path: string): UserRecord[] {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (err) {
    if (err instanceof SwitchyardError) throw new SwitchyardError('BAD_USAGE', `users file: ${err.message}`);
    throw err;
  }
  return parseUsersFile(path, text);
}
