import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DesktopStoreSetting, type DesktopStoreOptions } from './desktop-store-setting.js';
import { probeStore } from './node-host.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-store-setting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function options(overrides: Partial<DesktopStoreOptions> = {}): DesktopStoreOptions {
  files += 1;
  return {
    dbPath: join(dir, 'own.db'),
    settingPath: join(dir, `store-${files}.json`),
    env: {},
    probe: probeStore,
    ...overrides,
  };
}

describe("the desktop app's choice of run store", () => {
  it("is the app's own file until another store is connected, which it then remembers", async () => {
    const opts = options();
    const setting = DesktopStoreSetting.read(opts);
    expect(setting.info()).toEqual({ kind: 'sqlite', location: opts.dbPath, source: 'default', switchable: true });
    const team = join(dir, 'team.db');
    await expect(setting.connect(`sqlite:${team}`)).resolves.toEqual({
      store: { kind: 'sqlite', location: team, source: 'app setting', switchable: true },
      restarting: true,
    });
    expect(statSync(opts.settingPath).mode & 0o777).toBe(0o600);
    const reread = DesktopStoreSetting.read(opts);
    expect(reread.location).toEqual({ kind: 'sqlite', path: team });
    expect(reread.info().source).toBe('app setting');

    await expect(reread.connect(null)).resolves.toMatchObject({ store: { source: 'default' }, restarting: true });
    expect(DesktopStoreSetting.read(opts).info().source).toBe('default');
  });

  it('keeps the URL encrypted with the keychain codec, never its password in plain text', async () => {
    const codec = {
      encode: (v: string) => Buffer.from(v).toString('base64'),
      decode: (v: string) => Buffer.from(v, 'base64').toString(),
    };
    const probed: unknown[] = [];
    const opts = options({ codec, probe: async (location) => void probed.push(location) });
    const url = 'postgres://ana:s3cret-pw@db.example:5432/flows';
    const { store } = await DesktopStoreSetting.read(opts).connect(url);
    expect(store).toMatchObject({ kind: 'postgres', location: 'postgres://ana@db.example:5432/flows' });
    expect(probed).toEqual([{ kind: 'postgres', url }]);
    expect(readFileSync(opts.settingPath, 'utf8')).not.toContain('s3cret-pw');
    expect(DesktopStoreSetting.read(opts).location).toEqual({ kind: 'postgres', url });
  });

  it('saves nothing when the store cannot be opened, and says why without the password', async () => {
    const opts = options();
    const setting = DesktopStoreSetting.read(opts);
    const refused = setting.connect('postgres://ana:s3cret-pw@127.0.0.1:1/flows');
    await expect(refused).rejects.toThrow(/cannot connect/);
    await expect(refused).rejects.not.toThrow(/s3cret-pw/);
    await expect(setting.connect('mysql://db/x')).rejects.toThrow(/unknown kind of store "mysql/);
    expect(() => statSync(opts.settingPath)).toThrow(/ENOENT/);
    expect(setting.info().source).toBe('default');
  });

  it('lets SWITCHYARD_STORE win, shown and not switchable', async () => {
    const setting = DesktopStoreSetting.read(options({ env: { SWITCHYARD_STORE: 'postgres://team@db/flows' } }));
    expect(setting.info()).toMatchObject({
      kind: 'postgres',
      source: 'environment',
      switchable: false,
      reason: expect.stringContaining('SWITCHYARD_STORE'),
    });
    await expect(setting.connect(null)).rejects.toThrow(/SWITCHYARD_STORE; unset it/);
  });

  it("falls back to the app's own file when the saved choice cannot be read or opened, saying why", () => {
    const opts = options();
    writeFileSync(opts.settingPath, '{"store": 42}');
    const unreadable = DesktopStoreSetting.read(opts);
    expect(unreadable.location).toEqual({ kind: 'sqlite', path: opts.dbPath });
    expect(unreadable.info().problem).toMatch(/cannot be read/);

    writeFileSync(opts.settingPath, JSON.stringify({ store: 'postgres://ana:pw-9@db/flows' }));
    const chosen = DesktopStoreSetting.read(opts);
    chosen.fallBack('cannot connect: ECONNREFUSED');
    expect(chosen.info()).toMatchObject({ kind: 'sqlite', source: 'default', switchable: true });
    expect(chosen.info().problem).toBe(
      'could not open the chosen run store postgres://ana@db/flows: cannot connect: ECONNREFUSED',
    );
  });
});
