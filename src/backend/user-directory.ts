import { createHash } from 'node:crypto';
import type { Identity } from '#shared';
import { verifySecret } from './secret-hash.js';
import type { UserRecord } from './users-file.js';

function identityOf(user: UserRecord): Identity {
  return { name: user.name, groups: [...user.groups], source: 'users-file' };
}

/**
 * The users of a users file, checked by password (sign-in) or by bearer token. A token names
 * no user, so the first time a token is seen every user's token hash is tried; a token that
 * matched is remembered (by its SHA-256, never in clear) so later requests cost nothing.
 */
export class UserDirectory {
  private readonly byName = new Map<string, UserRecord>();
  private readonly knownTokens = new Map<string, UserRecord>();

  constructor(users: readonly UserRecord[]) {
    for (const user of users) this.byName.set(user.name, user);
  }

  async signIn(name: string, password: string): Promise<Identity | undefined> {
    const user = this.byName.get(name);
    if (user?.password === undefined) return undefined;
    return (await verifySecret(password, user.password)) ? identityOf(user) : undefined;
  }

  async byToken(token: string): Promise<Identity | undefined> {
    const key = createHash('sha256').update(token, 'utf8').digest('base64url');
    const known = this.knownTokens.get(key);
    if (known !== undefined) return identityOf(known);
    for (const user of this.byName.values()) {
      if (user.token === undefined || !(await verifySecret(token, user.token))) continue;
      this.knownTokens.set(key, user);
      return identityOf(user);
    }
    return undefined;
  }
}
