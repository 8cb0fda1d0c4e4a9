import type { SecretProvider } from '#engine';
import { SECRET_NAME, SecretValue, SwitchyardError, type SecretSource } from '#shared';
import { SecretStore } from './secret-store.js';

const ENV_PREFIX = 'SWITCHYARD_SECRET_';

/** The host's secrets: the environment's `SWITCHYARD_SECRET_<NAME>` first, then the writable store. */
export interface HostSecrets extends SecretProvider {
  /** Every secret's name and where its value comes from (never the value). */
  list(): { name: string; source: SecretSource }[];
  /** Where `setSecret`/`deleteSecret` write, if anywhere. */
  store: SecretStore | undefined;
}

/**
 * The secrets of a host from its environment and, optionally, a store (a secrets file, or the
 * desktop app's keychain). An environment secret whose value is too short to redact safely is
 * refused (BAD_SECRETS) rather than leaked.
 */
export function hostSecrets(env: Readonly<Record<string, string | undefined>>, store?: SecretStore): HostSecrets {
  const fromEnv = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(ENV_PREFIX) || value === undefined) continue;
    const name = key.slice(ENV_PREFIX.length);
    if (!SECRET_NAME.test(name)) continue;
    const valid = SecretValue.safeParse(value);
    if (!valid.success)
      throw new SwitchyardError('BAD_SECRETS', `${key}: ${valid.error.issues[0]?.message ?? 'invalid'}`);
    fromEnv.set(name, value);
  }
  return {
    store,
    get: (name) => fromEnv.get(name) ?? store?.get(name),
    values: () => [...fromEnv.values(), ...(store?.values() ?? [])],
    list: () => {
      const listed = new Map<string, SecretSource>();
      for (const name of store?.names() ?? []) listed.set(name, store?.source ?? 'file');
      for (const name of fromEnv.keys()) listed.set(name, 'environment');
      return [...listed].map(([name, source]) => ({ name, source })).sort((a, b) => a.name.localeCompare(b.name));
    },
    howToSet: (name) =>
      store === undefined
        ? `set ${ENV_PREFIX}${name}, or give a secrets file`
        : store.source === 'keychain'
          ? 'add it in the Secrets panel'
          : `add it to ${store.path} or set ${ENV_PREFIX}${name}`,
  };
}

/** The host secrets of a command line or server: the environment, plus the secrets file at `file` if given. */
export function loadHostSecrets(
  env: Readonly<Record<string, string | undefined>>,
  file: string | undefined,
  workspaceDir?: string,
): HostSecrets {
  const store =
    file === undefined
      ? undefined
      : SecretStore.open(file, { source: 'file', ...(workspaceDir === undefined ? {} : { outside: workspaceDir }) });
  return hostSecrets(env, store);
}
