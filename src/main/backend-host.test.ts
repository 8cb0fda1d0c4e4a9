import { describe, expect, it } from 'vitest';
import { desktopStore } from './backend-host.js';

describe("the desktop app's run store", () => {
  it("is the app's own SQLite file unless SWITCHYARD_STORE names a server's store", () => {
    expect(desktopStore({ dbPath: '/data/switchyard.db', env: {} })).toEqual({
      kind: 'sqlite',
      path: '/data/switchyard.db',
    });
    expect(
      desktopStore({ dbPath: '/data/switchyard.db', env: { SWITCHYARD_STORE: 'postgres://team@db/flows' } }),
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://team@db/flows',
    });
  });

  it('refuses a SWITCHYARD_STORE it cannot read, naming it', () => {
    expect(() => desktopStore({ dbPath: 'x.db', env: { SWITCHYARD_STORE: 'mysql://db/x' } })).toThrow(
      /SWITCHYARD_STORE/,
    );
  });
});
