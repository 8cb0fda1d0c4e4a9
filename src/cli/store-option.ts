import { parseStoreUrl, storeUrlForCommands, type StoreLocation, type StoreSource } from '#backend';
import { SwitchyardError } from '#shared';
import { DEFAULT_DB } from './options.js';

/** The run store of a command: where it is, and how a printed follow-up command selects it again. */
export interface StoreChoice {
  location: StoreLocation;
  /** Words that select this store on a later command line; none when it is what that line gets anyway. */
  words: readonly string[];
  /** What chose it (shown by the web UI's Preferences). */
  source: StoreSource;
}

/**
 * `--store URL`, else `--db PATH` (a SQLite file, as before `--store`), else $SWITCHYARD_STORE,
 * else ./switchyard.db. Giving both options is a usage error.
 */
export function chooseStore(
  options: { store?: string | undefined; db?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
  hint: string,
): StoreChoice {
  if (options.store !== undefined && options.db !== undefined)
    throw new SwitchyardError('BAD_USAGE', `give --store or --db, not both; see ${hint}`);
  const fromEnv = env['SWITCHYARD_STORE'];
  const hasEnv = fromEnv !== undefined && fromEnv.trim() !== '';
  const explicit = options.store !== undefined ? parseStoreUrl(options.store, '--store') : sqliteAt(options.db);
  if (explicit !== undefined) {
    const isDefault = !hasEnv && explicit.kind === 'sqlite' && explicit.path === DEFAULT_DB;
    return { location: explicit, words: isDefault ? [] : storeWords(explicit), source: 'command line' };
  }
  if (hasEnv) return { location: parseStoreUrl(fromEnv, 'SWITCHYARD_STORE'), words: [], source: 'environment' };
  return { location: { kind: 'sqlite', path: DEFAULT_DB }, words: [], source: 'default' };
}

function sqliteAt(path: string | undefined): StoreLocation | undefined {
  return path === undefined ? undefined : { kind: 'sqlite', path };
}

/** `--db PATH`, or `--store URL` without the URL's password (it is printed; PGPASSWORD supplies it). */
function storeWords(location: StoreLocation): string[] {
  return location.kind === 'sqlite' ? ['--db', location.path] : ['--store', storeUrlForCommands(location)];
}
