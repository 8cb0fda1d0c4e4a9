import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { SwitchyardError, type StoreInfo } from '#shared';
import { writeOwnerOnly } from './atomic-write.js';
import { PLAIN_CODEC, type SecretCodec } from './secret-store.js';
import { describeStore, type StoreSetting, type StoreSource } from './store-setting.js';
import { parseStoreUrl, storeUrlForCommands, type StoreLocation } from './store-url.js';

export interface DesktopStoreOptions {
  /** The app's own SQLite file: the store unless another was chosen. */
  dbPath: string;
  /** Where the chosen store is remembered (the app's data folder). */
  settingPath: string;
  /** `SWITCHYARD_STORE` here wins over the app's setting (and cannot be changed from the app). */
  env: Readonly<Record<string, string | undefined>>;
  /** Encrypts the remembered URL (it may carry a password): the OS keychain; else kept as is, owner-only. */
  codec?: SecretCodec;
  /** Opens and closes a store, throwing what opening it would (see probeStore). */
  probe: (location: StoreLocation) => Promise<void>;
}

const SettingJson = z.strictObject({ store: z.string().min(1) });

/**
 * The desktop app's choice of run store: SWITCHYARD_STORE if set, else the store chosen in the app
 * (remembered in `settingPath`), else the app's own SQLite file. A choice that cannot be read or
 * opened leaves the app on its own file, saying why (`fallBack`), so the app always starts.
 *
 * @example
 * const setting = DesktopStoreSetting.read({ dbPath, settingPath, env: process.env, probe: probeStore });
 * const host = await openHost({ location: setting.location });
 */
export class DesktopStoreSetting implements StoreSetting {
  private problem: string | undefined;

  private constructor(
    private readonly options: DesktopStoreOptions,
    public location: StoreLocation,
    private source: StoreSource,
  ) {}

  static read(options: DesktopStoreOptions): DesktopStoreSetting {
    const own: StoreLocation = { kind: 'sqlite', path: options.dbPath };
    const fromEnv = options.env['SWITCHYARD_STORE'];
    if (fromEnv !== undefined && fromEnv !== '')
      return new DesktopStoreSetting(options, parseStoreUrl(fromEnv, 'SWITCHYARD_STORE'), 'environment');
    if (!existsSync(options.settingPath)) return new DesktopStoreSetting(options, own, 'default');
    try {
      const saved = SettingJson.parse(JSON.parse(readFileSync(options.settingPath, 'utf8')));
      const url = (options.codec ?? PLAIN_CODEC).decode(saved.store);
      return new DesktopStoreSetting(options, parseStoreUrl(url, 'the saved run store'), 'app setting');
    } catch (err) {
      const setting = new DesktopStoreSetting(options, own, 'default');
      setting.problem = `the saved run store setting (${options.settingPath}) cannot be read: ${messageOf(err)}`;
      return setting;
    }
  }

  /** The chosen store could not be opened: the app runs on its own file and shows `problem`. */
  fallBack(problem: string): void {
    this.problem = `could not open the chosen run store ${storeUrlForCommands(this.location)}: ${problem}`;
    this.location = { kind: 'sqlite', path: this.options.dbPath };
    this.source = 'default';
  }

  info(): StoreInfo {
    const fixed =
      this.source === 'environment'
        ? { reason: 'Chosen by SWITCHYARD_STORE; unset it to choose the run store here.' }
        : undefined;
    return describeStore(this.location, this.source, fixed, this.problem);
  }

  async connect(url: string | null): Promise<{ store: StoreInfo; restarting: boolean }> {
    if (this.source === 'environment') throw new SwitchyardError('BAD_USAGE', this.info().reason ?? '');
    const target: StoreLocation = url === null ? { kind: 'sqlite', path: this.options.dbPath } : parseStoreUrl(url);
    await this.options.probe(target);
    if (url === null) rmSync(this.options.settingPath, { force: true });
    else
      writeOwnerOnly(
        this.options.settingPath,
        `${JSON.stringify({ store: (this.options.codec ?? PLAIN_CODEC).encode(url) }, null, 2)}\n`,
      );
    const restarting = !sameStore(target, this.location) || this.problem !== undefined;
    const source: StoreSource = url === null ? 'default' : 'app setting';
    return { store: describeStore(target, source), restarting };
  }
}

function sameStore(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind === 'sqlite') return b.kind === 'sqlite' && resolve(a.path) === resolve(b.path);
  return b.kind === 'postgres' && a.url === b.url;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
