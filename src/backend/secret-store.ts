import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { z } from 'zod';
import { SecretName, SecretValue, SwitchyardError } from '#shared';
import { writeOwnerOnly } from './atomic-write.js';

/** How a store's file holds values: as they are (a secrets file) or encrypted (the OS keychain). */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
}

/** Values kept as they are (a secrets file the owner alone can read). */
export const PLAIN_CODEC: SecretCodec = { encode: (v) => v, decode: (v) => v };

const SecretsJson = z.record(z.string(), z.string());

export interface SecretStoreOptions {
  /** Where the file is: `file` (a secrets file, mode 0600 checked) or `keychain` (values encrypted). */
  source: 'file' | 'keychain';
  codec?: SecretCodec;
  /** A folder the file must not be inside (the workspace: workflow folders get shared and committed). */
  outside?: string;
}

/**
 * Named secret values in one JSON file (`{"API_TOKEN": "…"}`), kept owner-only (0600): read at
 * open, rewritten whole (atomically) on every change. A secrets file readable by others, or inside
 * the workspace, is refused with BAD_SECRETS.
 *
 * @example
 * const store = SecretStore.open('/etc/switchyard/secrets.json', { source: 'file', outside: workspaceDir });
 * store.get('API_TOKEN');
 */
export class SecretStore {
  private constructor(
    readonly path: string,
    readonly source: 'file' | 'keychain',
    private readonly codec: SecretCodec,
    private readonly entries: Map<string, string>,
  ) {}

  static open(path: string, options: SecretStoreOptions): SecretStore {
    const file = resolve(path);
    if (options.outside !== undefined && isInside(file, resolve(options.outside))) {
      throw bad(file, `is inside the workspace ${options.outside}; keep secrets outside the folder of workflows`);
    }
    const codec = options.codec ?? PLAIN_CODEC;
    if (!existsSync(file)) {
      if (options.source === 'file') throw bad(file, 'does not exist');
      return new SecretStore(file, options.source, codec, new Map());
    }
    const stat = statSync(file);
    if (!stat.isFile()) throw bad(file, 'is not a regular file');
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8);
      throw bad(file, `can be read by other users (mode ${mode}); make it owner-only: chmod 600 ${file}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw bad(file, `is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const checked = SecretsJson.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw bad(file, `${issue?.path.map(String).join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`);
    }
    const entries = new Map<string, string>();
    for (const [name, stored] of Object.entries(checked.data)) {
      const named = SecretName.safeParse(name);
      if (!named.success) throw bad(file, `${name}: ${named.error.issues[0]?.message ?? 'invalid'}`);
      const value = codec.decode(stored);
      const valid = SecretValue.safeParse(value);
      if (!valid.success) throw bad(file, `${name}: ${valid.error.issues[0]?.message ?? 'invalid'}`);
      entries.set(name, value);
    }
    return new SecretStore(file, options.source, codec, entries);
  }

  get(name: string): string | undefined {
    return this.entries.get(name);
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  values(): string[] {
    return [...this.entries.values()];
  }

  set(name: string, value: string): void {
    this.entries.set(SecretName.parse(name), SecretValue.parse(value));
    this.write();
  }

  delete(name: string): boolean {
    const had = this.entries.delete(name);
    if (had) this.write();
    return had;
  }

  private write(): void {
    const json = Object.fromEntries([...this.entries].map(([name, value]) => [name, this.codec.encode(value)]));
    writeOwnerOnly(this.path, `${JSON.stringify(json, null, 2)}\n`);
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function bad(file: string, problem: string): SwitchyardError {
  return new SwitchyardError('BAD_SECRETS', `secrets file ${file} ${problem}`);
}
