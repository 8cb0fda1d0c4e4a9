import { describe, expect, it } from 'vitest';
import { hashSecret, newToken, parseSecretHash, verifySecret } from './secret-hash.js';

// A cheap cost keeps the tests fast; the format carries the cost, so verification is the same.
const CHEAP = { N: 1024, r: 8, p: 1 };

describe('secret hashes', () => {
  it('writes scrypt$N$r$p$SALT$HASH with a fresh salt each time', async () => {
    const a = await hashSecret('correct horse', CHEAP);
    const b = await hashSecret('correct horse', CHEAP);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the secret it was made from and nothing else', async () => {
    const stored = parseSecretHash(await hashSecret('correct horse', CHEAP));
    expect(stored).toBeDefined();
    if (stored === undefined) return;
    expect(await verifySecret('correct horse', stored)).toBe(true);
    expect(await verifySecret('correct horse ', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('uses the default cost when none is given', async () => {
    const text = await hashSecret('x');
    expect(text.startsWith('scrypt$16384$8$1$')).toBe(true);
    const stored = parseSecretHash(text);
    expect(stored !== undefined && (await verifySecret('x', stored))).toBe(true);
  });

  it('refuses hashes it does not write, or whose cost is out of bounds', async () => {
    const good = await hashSecret('x', CHEAP);
    expect(parseSecretHash(good)).toBeDefined();
    expect(parseSecretHash('plain-password')).toBeUndefined();
    expect(parseSecretHash(good.replace('scrypt$1024', 'scrypt$1000'))).toBeUndefined();
    expect(parseSecretHash(good.replace('scrypt$1024', `scrypt$${2 ** 21}`))).toBeUndefined();
    expect(parseSecretHash(good.replace(/\$[^$]+$/, '$c2hvcnQ'))).toBeUndefined();
    expect(parseSecretHash(`bcrypt${good.slice(6)}`)).toBeUndefined();
  });

  it('makes 256-bit tokens', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(token);
  });
});
