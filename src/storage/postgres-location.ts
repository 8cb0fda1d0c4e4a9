import { SwitchyardError } from '#shared';

/** Where a Postgres store lives, as messages may name it: never with its password. */
export interface PostgresLocation {
  /** `postgres://user@host:port/db`. */
  readonly label: string;
  /** The URL as given (query parameters too) less its password: what a printed command line may repeat. */
  readonly publicUrl: string;
  /** The password the URL carries (empty when none), so that no message ever repeats it. */
  readonly password: string;
}

const DEFAULT_PORT = '5432';

/** Percent-decoding that keeps text it cannot decode as it is (`%zz` in a password is not an error here). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The printable form of a `postgres://` / `postgresql://` URL: user, host, port and database,
 * without password or query parameters. BAD_USAGE for text that is not such a URL.
 *
 * @example
 * postgresLocation('postgres://ana:secret@db:5433/runs').label // 'postgres://ana@db:5433/runs'
 */
export function postgresLocation(url: string): PostgresLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SwitchyardError(
      'BAD_USAGE',
      'the PostgreSQL store URL is malformed; expected postgres://user@host:port/db',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new SwitchyardError('BAD_USAGE', `expected a postgres:// or postgresql:// URL, got ${parsed.protocol}//…`);
  }
  const user = decoded(parsed.username) || parsed.searchParams.get('user') || '';
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || DEFAULT_PORT;
  const database = decoded(parsed.pathname.replace(/^\//, '')) || user;
  const password = decoded(parsed.password);
  parsed.password = '';
  return {
    label: `${parsed.protocol}//${user === '' ? '' : `${user}@`}${host}:${port}/${database}`,
    publicUrl: parsed.href,
    password,
  };
}

/** `text` with every occurrence of the store's password masked (a server message might quote it). */
export function withoutPassword(text: string, location: PostgresLocation): string {
  return location.password === '' ? text : text.replaceAll(location.password, '***');
}
