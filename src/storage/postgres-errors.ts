import { DatabaseError } from 'pg';
import { SwitchyardError } from '#shared';
import { withoutPassword, type PostgresLocation } from './postgres-location.js';

/** Connection-level failures (refused, unreachable, timed out), where a hint helps more than the code. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'ETIMEDOUT']);

function codeOf(err: Error): string | undefined {
  return 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function describe(err: unknown): string {
  if (err instanceof DatabaseError) return `${err.message} (${err.code ?? 'no SQLSTATE'})`;
  if (!(err instanceof Error)) return String(err);
  // Connecting to a name with several addresses fails with an AggregateError whose message is empty.
  const message = err.message || (err instanceof AggregateError ? err.errors.map((e) => describe(e)).join('; ') : '');
  const code = codeOf(err);
  if (code !== undefined && UNREACHABLE.has(code)) return `cannot connect: ${message || code}`;
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

/**
 * Anything a Postgres operation throws, as the store reports it: SwitchyardErrors unchanged,
 * everything else (refused connections, authentication, a dropped connection, SQL errors) as
 * STORE_FAILED naming the store without its password.
 */
export function postgresStoreError(err: unknown, location: PostgresLocation): SwitchyardError {
  if (err instanceof SwitchyardError) return err;
  return new SwitchyardError(
    'STORE_FAILED',
    withoutPassword(`run store ${location.label}: ${describe(err)}`, location),
  );
}

/** A SQLSTATE of the error, when it is a server error (e.g. 23503 for a foreign key violation). */
export function sqlState(err: unknown): string | undefined {
  return err instanceof DatabaseError ? err.code : undefined;
}
