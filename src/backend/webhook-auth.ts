import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SecretProvider } from '#engine';
import { DEFAULT_SIGNATURE_HEADER, SwitchyardError, type WebhookAuth } from '#shared';

/** Where webhook auth gets secret values: the host's secret provider. */
export type WebhookSecrets = Pick<SecretProvider, 'get' | 'howToSet'>;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function secretOf(secrets: WebhookSecrets, name: string, what: string): string {
  const value = secrets.get(name);
  if (value !== undefined && value !== '') return value;
  throw new SwitchyardError(
    'SECRET_MISSING',
    `${what} needs secret ${name}, which is not set; ${secrets.howToSet(name)}`,
  );
}

/**
 * Checks a webhook request against its trigger's auth; throws UNAUTHORIZED (a wrong or missing
 * token or signature) or SECRET_MISSING (the server lacks the secret). `none` passes only on a
 * loopback server. Comparisons take the same time whatever matches.
 */
export function checkWebhookAuth(
  auth: WebhookAuth,
  request: { headers: IncomingHttpHeaders; body: Buffer; loopback: boolean },
  secrets: WebhookSecrets,
  what: string,
): void {
  if (auth.type === 'none') {
    if (request.loopback) return;
    throw new SwitchyardError(
      'UNAUTHORIZED',
      `${what} has auth "none", which serve accepts only on a loopback address; give it bearer or hmac auth`,
    );
  }
  const secret = secretOf(secrets, auth.secret, what);
  if (auth.type === 'bearer') {
    const given = /^Bearer (.+)$/i.exec(header(request.headers, 'authorization') ?? '')?.[1] ?? '';
    if (!sameText(given.trim(), secret))
      throw new SwitchyardError('UNAUTHORIZED', `${what}: missing or wrong bearer token (Authorization: Bearer …)`);
    return;
  }
  const name = auth.header ?? DEFAULT_SIGNATURE_HEADER;
  const given = (header(request.headers, name) ?? '').trim().replace(/^sha256=/i, '');
  const expected = createHmac('sha256', secret).update(request.body).digest('hex');
  if (!sameText(given.toLowerCase(), expected))
    throw new SwitchyardError(
      'UNAUTHORIZED',
      `${what}: missing or wrong signature in ${name} (expected sha256=<hex HMAC-SHA256 of the body>)`,
    );
}
