import { MIN_SECRET_CHARS, REDACTED } from '#shared';
import type { Logger, SecretProvider } from '../ports.js';

/** Replaces every secret value inside a JSON value (strings and object keys) with `***`. */
export type Redact = <T>(value: T) => T;

/**
 * A redactor for `values`, or undefined when there is nothing to redact. Longer values are
 * replaced first, so that a secret containing another is blanked whole.
 *
 * @example
 * redactorOf(['s3cr3t-token'])?.({ headers: { authorization: 'Bearer s3cr3t-token' } });
 * // { headers: { authorization: 'Bearer ***' } }
 */
export function redactorOf(values: readonly string[]): Redact | undefined {
  const secrets = [...new Set(values)].filter((v) => v.length >= MIN_SECRET_CHARS).sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return undefined;
  const text = (s: string): string => {
    let out = s;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key), walk(inner)]));
    }
    return value;
  };
  return <T>(value: T): T => walk(value) as T;
}

/** `logger` with every secret value redacted from its messages and fields (the values as they are now). */
export function redactingLogger(logger: Logger, secrets: SecretProvider): Logger {
  return {
    log(level, message, fields) {
      const redact = redactorOf(secrets.values());
      if (redact === undefined) return logger.log(level, message, fields);
      logger.log(level, redact(message), fields === undefined ? undefined : redact(fields));
    },
  };
}
