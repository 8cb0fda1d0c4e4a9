import { z } from 'zod';
import { SwitchyardError } from '#shared';
import { postgresLocation } from '#storage';

/** Which run store to open: a SQLite file, or a PostgreSQL database shared by many processes. */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const EXPECTED = 'expected sqlite:PATH, a file path, or postgres://user@host:port/db';
const POSTGRES = /^postgres(ql)?:\/\//i;
/** Any `scheme://`: a URL of a store kind we do not have, not a file name. */
const OTHER_URL = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * A store URL as `--store` and SWITCHYARD_STORE take it: `sqlite:PATH` or a plain path (a SQLite
 * file), `postgres://…` or `postgresql://…`. Messages never repeat a URL's password.
 */
export const StoreUrl = z
  .string()
  .trim()
  .min(1, EXPECTED)
  .transform((text, ctx): StoreLocation => {
    if (POSTGRES.test(text)) {
      try {
        postgresLocation(text);
      } catch (err) {
        ctx.issues.push({ code: 'custom', input: '', message: err instanceof Error ? err.message : String(err) });
        return z.NEVER;
      }
      return { kind: 'postgres', url: text };
    }
    const other = OTHER_URL.exec(text)?.[1];
    if (other !== undefined) {
      ctx.issues.push({ code: 'custom', input: '', message: `unknown kind of store "${other}://…"; ${EXPECTED}` });
      return z.NEVER;
    }
    const path = text.startsWith('sqlite:') ? text.slice('sqlite:'.length) : text;
    if (path === '') {
      ctx.issues.push({ code: 'custom', input: '', message: `sqlite: needs a file path; ${EXPECTED}` });
      return z.NEVER;
    }
    return { kind: 'sqlite', path };
  });

/**
 * Parses a store URL; BAD_USAGE naming `source` (e.g. `--store`) when it is none.
 *
 * @example
 * parseStoreUrl('postgres://ana@db/runs') // { kind: 'postgres', url: 'postgres://ana@db/runs' }
 * parseStoreUrl('./switchyard.db')        // { kind: 'sqlite', path: './switchyard.db' }
 */
export function parseStoreUrl(text: string, source = 'store URL'): StoreLocation {
  const parsed = StoreUrl.safeParse(text);
  if (parsed.success) return parsed.data;
  throw new SwitchyardError('BAD_USAGE', `${source}: ${parsed.error.issues[0]?.message ?? EXPECTED}`);
}

/** The location as a printed `--store` argument may name it: a file path, or the URL less its password. */
export function storeUrlForCommands(location: StoreLocation): string {
  return location.kind === 'sqlite' ? location.path : postgresLocation(location.url).publicUrl;
}
