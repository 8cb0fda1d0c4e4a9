import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from './secret-hash.js';
import { UserDirectory } from './user-directory.js';
import { loadUsersFile, parseUsersFile } from './users-file.js';

let hash: string;
let tokenHash: string;
beforeAll(async () => {
  hash = await hashSecret('pw-ana', { N: 1024, r: 8, p: 1 });
  tokenHash = await hashSecret('tok-ana', { N: 1024, r: 8, p: 1 });
});

function refusal(text: string): string {
  try {
    parseUsersFile('users.json', text);
  } catch (err) {
    return err instanceof Error ? `${'code' in err ? String(err.code) : '?'}: ${err.message}` : String(err);
  }
  return 'accepted';
}

describe('users files', () => {
  it('reads users with a password, a token and groups', () => {
    const users = parseUsersFile(
      'users.json',
      JSON.stringify({
        users: [
          { name: 'ana', passwordHash: hash, tokenHash, groups: ['finance'] },
          { name: 'ben', tokenHash },
        ],
      }),
    );
    expect(users.map((u) => [u.name, u.groups, u.password !== undefined, u.token !== undefined])).toEqual([
      ['ana', ['finance'], true, true],
      ['ben', [], false, true],
    ]);
  });

  it('names the file and the field of each problem', () => {
    expect(refusal('{"users": [')).toMatch(/^BAD_USAGE: users file users\.json is not valid JSON: .*line 1/);
    expect(refusal('{}')).toBe(
      'BAD_USAGE: users file users.json: users: expected a list of users: {"users": [{"name": …, "passwordHash": …}]}',
    );
    expect(refusal(JSON.stringify({ users: [{ name: 'ana', passwordHash: 'secret' }] }))).toBe(
      'BAD_USAGE: users file users.json: users[0].passwordHash: expected scrypt$N$r$p$SALT$HASH as printed by "switchyard hash-password"',
    );
    expect(refusal(JSON.stringify({ users: [{ name: 'ana' }] }))).toBe(
      'BAD_USAGE: users file users.json: users[0]: a user needs a passwordHash, a tokenHash or both',
    );
    expect(refusal(JSON.stringify({ users: [{ name: 'group:x', tokenHash }] }))).toMatch(
      /users\[0\]\.name: expected letters, digits/,
    );
    expect(refusal(JSON.stringify({ users: [{ name: 'ana', tokenHash, role: 'admin' }] }))).toBe(
      'BAD_USAGE: users file users.json: users[0]: unknown field "role"',
    );
    expect(
      refusal(
        JSON.stringify({
          users: [
            { name: 'ana', tokenHash },
            { name: 'ana', passwordHash: hash },
          ],
        }),
      ),
    ).toBe('BAD_USAGE: users file users.json: users[1].name: ana is listed twice');
    expect(refusal(JSON.stringify({ users: [] }))).toBe(
      'BAD_USAGE: users file users.json: users: list at least one user',
    );
  });

  it('reads the file from disk, naming it when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-users-'));
    try {
      const file = join(dir, 'users.json');
      writeFileSync(file, JSON.stringify({ users: [{ name: 'ana', tokenHash }] }));
      expect(loadUsersFile(file).map((u) => u.name)).toEqual(['ana']);
      expect(() => loadUsersFile(join(dir, 'missing.json'))).toThrow(
        /^users file: cannot read .*missing\.json: no such file$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the user directory', () => {
  it('signs in by name and password, and finds users by token', async () => {
    const directory = new UserDirectory(
      parseUsersFile(
        'u.json',
        JSON.stringify({ users: [{ name: 'ana', passwordHash: hash, tokenHash, groups: ['finance'] }] }),
      ),
    );
    const ana = { name: 'ana', groups: ['finance'], source: 'users-file' };
    expect(await directory.signIn('ana', 'pw-ana')).toEqual(ana);
    expect(await directory.signIn('ana', 'tok-ana')).toBeUndefined();
    expect(await directory.signIn('ben', 'pw-ana')).toBeUndefined();
    expect(await directory.byToken('tok-ana')).toEqual(ana);
    expect(await directory.byToken('tok-ana')).toEqual(ana);
    expect(await directory.byToken('pw-ana')).toBeUndefined();
  });
});
