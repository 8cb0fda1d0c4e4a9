import { describe, expect, it } from 'vitest';
import { chooseStore } from './store-option.js';

const HINT = 'switchyard runs --help';
const PG = 'postgres://ana:s3cret@db:5432/runs';

describe('chooseStore', () => {
  it('defaults to ./switchyard.db, which follow-up commands need not repeat', () => {
    expect(chooseStore({}, {}, HINT)).toEqual({
      location: { kind: 'sqlite', path: './switchyard.db' },
      words: [],
      source: 'default',
    });
  });

  it('takes --db PATH as a SQLite file and repeats it in follow-up commands', () => {
    expect(chooseStore({ db: 'x.db' }, {}, HINT)).toEqual({
      location: { kind: 'sqlite', path: 'x.db' },
      words: ['--db', 'x.db'],
      source: 'command line',
    });
  });

  it('takes --store URL, repeating it without its password', () => {
    expect(chooseStore({ store: PG }, {}, HINT)).toEqual({
      location: { kind: 'postgres', url: PG },
      words: ['--store', 'postgres://ana@db:5432/runs'],
      source: 'command line',
    });
    expect(chooseStore({ store: 'sqlite:y.db' }, {}, HINT).location).toEqual({ kind: 'sqlite', path: 'y.db' });
  });

  it('falls back to $SWITCHYARD_STORE, which a follow-up command gets too', () => {
    expect(chooseStore({}, { SWITCHYARD_STORE: PG }, HINT)).toEqual({
      location: { kind: 'postgres', url: PG },
      words: [],
      source: 'environment',
    });
    expect(chooseStore({}, { SWITCHYARD_STORE: '' }, HINT).location).toEqual({
      kind: 'sqlite',
      path: './switchyard.db',
    });
  });

  it('lets an option win over $SWITCHYARD_STORE, and then repeats even the default file', () => {
    expect(chooseStore({ db: './switchyard.db' }, { SWITCHYARD_STORE: PG }, HINT)).toEqual({
      location: { kind: 'sqlite', path: './switchyard.db' },
      words: ['--db', './switchyard.db'],
      source: 'command line',
    });
  });

  it('refuses --store with --db, and names the source of a bad URL', () => {
    expect(() => chooseStore({ store: PG, db: 'x.db' }, {}, HINT)).toThrow(
      'give --store or --db, not both; see switchyard runs --help',
    );
    expect(() => chooseStore({ store: 'redis://x' }, {}, HINT)).toThrow(/^--store: unknown kind of store/);
    expect(() => chooseStore({}, { SWITCHYARD_STORE: 'redis://x' }, HINT)).toThrow(/^SWITCHYARD_STORE: /);
  });
});
