import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { SwitchyardError } from '#shared';

/** 127.0.0.0/8, ::1 and localhost: names only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const name = bare.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIPv4(name)) return name.startsWith('127.');
  if (isIPv6(name)) return name === '::1' || name === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(name);
  return false;
}

/** Refuses to expose the API beyond this machine without a token or a users file (DESIGN §5). */
export function assertSafeBinding(host: string, token: string | undefined, hasUsers = false): void {
  if (token !== undefined && token.trim() === '')
    throw new SwitchyardError('BAD_USAGE', 'the token is empty; give a secret with --token');
  if (token !== undefined && hasUsers)
    throw new SwitchyardError(
      'BAD_USAGE',
      'give --users FILE or --token, not both: with a users file every user has their own token',
    );
  if (!isLoopbackHost(host) && token === undefined && !hasUsers) {
    throw new SwitchyardError(
      'BAD_USAGE',
      `refusing to serve on ${host} without a token: anyone who can reach this address could start runs and read workflows; give --users FILE (each person signs in) or --token SECRET (clients then send "Authorization: Bearer SECRET"), or bind to 127.0.0.1`,
    );
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer TOKEN` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

/** The host name of a Host header (`name:port`, `[v6]:port`), lower-cased, brackets kept for v6. */
export function hostHeaderName(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(header.trim());
  return match?.[1]?.toLowerCase();
}

/**
 * DNS-rebinding guard: a page on evil.example whose name resolves to 127.0.0.1 reaches a
 * loopback server with `Host: evil.example`. A loopback server answers loopback names only.
 */
export function hostAllowed(header: string | undefined, boundHost: string): boolean {
  const name = hostHeaderName(header);
  if (name === undefined) return false;
  return name === boundHost.toLowerCase() || isLoopbackHost(name);
}

/** Cross-site requests are refused: a browser's Origin must be the server itself (or listed). */
export function originAllowed(
  origin: string | undefined,
  hostHeader: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  return hostHeader !== undefined && (origin === `http://${hostHeader}` || origin === `https://${hostHeader}`);
}
