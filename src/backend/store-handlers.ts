import type { Handlers } from './handler-types.js';
import type { StoreSetting } from './store-setting.js';

/** Preferences' "Run store": which store this backend uses, and switching it where the host allows. */
export function storeHandlers(setting: StoreSetting): Handlers<'getStore' | 'connectStore'> {
  return {
    getStore: async () => setting.info(),
    connectStore: ({ url }) => setting.connect(url),
  };
}
