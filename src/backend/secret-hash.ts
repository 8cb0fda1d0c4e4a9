import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/**
 * Passwords and tokens are stored as `scrypt$N$r$p$SALT$HASH`: scrypt's cost parameters, then
 * a random 16-byte salt and the 32-byte derived key, both base64url. The parameters travel with
 * the hash, so raising the cost later leaves existing users files valid.
 */
export interface SecretHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export const DEFAULT_SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const SHAPE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function isPowerOfTwo(n: number): boolean {
  return n > 1 && (n & (n - 1)) === 0;
}

/** Reads a stored hash; undefined when it is not one this program writes (or its cost is out of bounds). */
export function parseSecretHash(text: string): SecretHash | undefined {
  const match = SHAPE.exec(text);
  if (match === null) return undefined;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Bounds keep a hostile file from making one login cost gigabytes or minutes.
  if (!isPowerOfTwo(N) || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(match[4] ?? '', 'base64url');
  const hash = Buffer.from(match[5] ?? '', 'base64url');
  if (salt.length < 8 || hash.length !== KEY_BYTES) return undefined;
  return { N, r, p, salt, hash };
}

/** A users-file field holding `scrypt$N$r$p$SALT$HASH`, checked when the file is read. */
export const SecretHashText = z
  .string()
  .refine(
    (text) => parseSecretHash(text) !== undefined,
    'expected scrypt$N$r$p$SALT$HASH as printed by "switchyard hash-password"',
  );

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * Hashes a password or token for a users file, with a fresh random salt.
 *
 * @example
 * await hashSecret('correct horse') // 'scrypt$16384$8$1$3q2-7w…$Gm0c…'
 */
export async function hashSecret(
  secret: string,
  cost: { N: number; r: number; p: number } = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Whether `secret` is the one `stored` was made from; the comparison takes the same time either way. */
export async function verifySecret(secret: string, stored: SecretHash): Promise<boolean> {
  const key = await derive(secret, stored.salt, stored);
  return timingSafeEqual(key, stored.hash);
}

/** A new bearer token: 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
