import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * What a SQLite run store holds, as one hash over every row of every table ('absent' when there
 * is no file, 'not a file' for a directory): equal digests, equal stores, however SQLite laid
 * the pages out.
 */
export function storeDigest(path: string): string {
  if (!existsSync(path)) return 'absent';
  if (!statSync(path).isFile()) return 'not a file';
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    for (const { name } of tables) {
      // Sorted: some tables have no rowid to order by.
      const rows = db
        .prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
      hash.update(`\0table ${name}\0${rows.join('\n')}`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
