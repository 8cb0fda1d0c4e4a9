import { describe, expect, it } from 'vitest';
import { postgresLocation, withoutPassword } from './postgres-location.js';

describe('postgresLocation', () => {
  it('names user, host, port and database, never the password or the query', () => {
    const location = postgresLocation('postgres://ana:s%40cret@db.internal:5433/runs?sslmode=require');
    expect(location).toEqual({
      label: 'postgres://ana@db.internal:5433/runs',
      publicUrl: 'postgres://ana@db.internal:5433/runs?sslmode=require',
      password: 's@cret',
    });
    expect(withoutPassword('auth failed for s@cret', location)).toBe('auth failed for ***');
  });

  it('fills in the default port and host, and the user as database, as libpq does', () => {
    expect(postgresLocation('postgresql://ana@db/runs').label).toBe('postgresql://ana@db:5432/runs');
    expect(postgresLocation('postgres:///runs?host=/var/run/postgresql').label).toBe(
      'postgres:///var/run/postgresql:5432/runs',
    );
    expect(postgresLocation('postgres://ana@db').label).toBe('postgres://ana@db:5432/ana');
  });

  it('refuses text that is not a postgres:// URL with BAD_USAGE', () => {
    expect(() => postgresLocation('not a url')).toThrow('the PostgreSQL store URL is malformed');
    expect(() => postgresLocation('mysql://db/runs')).toThrow('expected a postgres:// or postgresql:// URL');
  });
});
