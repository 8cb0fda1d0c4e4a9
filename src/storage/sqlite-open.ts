import Database from 'better-sqlite3';
import { SwitchyardError } from '#shared';
import { APPLICATION_ID, SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';
import { newerSchemaError } from './newer-schema.js';

/** Several CLI processes may share one file; wait for a writer this long before failing. */
const BUSY_TIMEOUT_MS = 5000;

/** Opens, verifies and migrates a run store file; nothing is written before the file is known to be ours. */
export function openDatabase(path: string, readonly: boolean): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new SwitchyardError('STORE_FAILED', `cannot open run store ${path}: ${reason(err)}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    verify(db, path, readonly);
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (!readonly) migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof SwitchyardError) throw err;
    throw new SwitchyardError('STORE_FAILED', `cannot open run store ${path}: ${reason(err)}`);
  }
}

function verify(db: Database.Database, path: string, readonly: boolean): void {
  let version: number;
  let appId: number;
  let tables: number;
  try {
    version = schemaVersion(db);
    appId = Number(db.pragma('application_id', { simple: true }));
    tables = Number(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get());
  } catch (err) {
    throw notOurs(path, reason(err));
  }
  if (appId !== 0 && appId !== APPLICATION_ID) throw notOurs(path, `it belongs to another application, id ${appId}`);
  if (version > 0 && appId !== APPLICATION_ID)
    throw notOurs(path, `it has schema version ${version} but no Switchyard mark`);
  if (version === 0 && tables > 0) throw notOurs(path, 'it already holds tables of another program');
  if (version > SCHEMA_VERSION) throw newerSchemaError(path, version, SCHEMA_VERSION);
  if (readonly && version < SCHEMA_VERSION) {
    throw new SwitchyardError(
      'STORE_FAILED',
      `database ${path} has schema version ${version}; open it once read-write to upgrade it to ${SCHEMA_VERSION}`,
    );
  }
}

function notOurs(path: string, why: string): SwitchyardError {
  return new SwitchyardError('STORE_FAILED', `${path} is not a Switchyard run store (${why})`);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
