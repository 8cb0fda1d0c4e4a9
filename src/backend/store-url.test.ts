import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '#shared';
import { parseStoreUrl, storeUrlForCommands } from './store-url.js';

function usageError(text: string): string {
  try {
    parseStoreUrl(text, '--store');
  } catch (err) {
    if (err instanceof SwitchyardError && err.code === 'BAD_USAGE') return err.message;
    throw err;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('parseStoreUrl', () => {
  it('reads sqlite:PATH and plain paths as SQLite files', () => {
    expect(parseStoreUrl('sqlite:./switchyard.db')).toEqual({ kind: 'sqlite', path: './switchyard.db' });
    expect(parseStoreUrl('sqlite:/var/lib/runs.db')).toEqual({ kind: 'sqlite', path: '/var/lib/runs.db' });
    expect(parseStoreUrl('runs.db')).toEqual({ kind: 'sqlite', path: 'runs.db' });
    expect(parseStoreUrl('C:\\data\\runs.db')).toEqual({ kind: 'sqlite', path: 'C:\\data\\runs.db' });
  });

  it('reads postgres:// and postgresql:// URLs as PostgreSQL databases', () => {
    const url = 'postgres://ana:s3cret@db.internal:5433/runs?sslmode=require';
    expect(parseStoreUrl(url)).toEqual({ kind: 'postgres', url });
    expect(parseStoreUrl('postgresql://ana@db/runs')).toEqual({ kind: 'postgres', url: 'postgresql://ana@db/runs' });
  });

  it('refuses other URLs, an empty path and malformed PostgreSQL URLs, without repeating a password', () => {
    expect(usageError('mysql://root:hunter2@db/runs')).toBe(
      '--store: unknown kind of store "mysql://…"; expected sqlite:PATH, a file path, or postgres://user@host:port/db',
    );
    expect(usageError('sqlite:')).toContain('sqlite: needs a file path');
    expect(usageError('  ')).toContain('expected sqlite:PATH');
    expect(usageError('postgres://ana:hunter2@db:99999/runs')).not.toContain('hunter2');
  });
});

describe('storeUrlForCommands', () => {
  it('gives a printed command line the store without its password, query parameters kept', () => {
    const location = parseStoreUrl('postgres://ana:s3cret@db:5433/runs?options=-c%20search_path%3Dteam');
    expect(storeUrlForCommands(location)).toBe('postgres://ana@db:5433/runs?options=-c%20search_path%3Dteam');
    expect(storeUrlForCommands(parseStoreUrl('sqlite:a.db'))).toBe('a.db');
  });
});
