import { SwitchyardError } from '#shared';
import type { Handlers } from './handler-types.js';
import type { HostSecrets } from './host-secrets.js';

/** The Secrets panel's methods: names and sources out, values in (never out). */
export function secretHandlers(
  secrets: HostSecrets | undefined,
): Handlers<'listSecrets' | 'setSecret' | 'deleteSecret'> {
  const writable = () => {
    const store = secrets?.store;
    if (store === undefined) {
      throw new SwitchyardError(
        'BAD_USAGE',
        'this server keeps no secrets it can change: start it with --secrets FILE (or set SWITCHYARD_SECRETS_FILE)',
      );
    }
    return store;
  };
  return {
    listSecrets: async () => ({ secrets: secrets?.list() ?? [], writable: secrets?.store?.source ?? null }),
    setSecret: async ({ name, value }) => {
      const store = writable();
      store.set(name, value);
      return { name, source: store.source };
    },
    deleteSecret: async ({ name }) => ({ deleted: writable().delete(name) }),
  };
}
