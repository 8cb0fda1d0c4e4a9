import { SwitchyardError, type StoreInfo } from '#shared';
import { storeUrlForCommands, type StoreLocation } from './store-url.js';

export type StoreSource = StoreInfo['source'];

/** The run store a backend runs on and, where the host allows it, the way to choose another. */
export interface StoreSetting {
  info(): StoreInfo;
  /** Checks and saves another store (`null`: the host's own file); the host restarts on it when `restarting`. */
  connect(url: string | null): Promise<{ store: StoreInfo; restarting: boolean }>;
}

/** How the UI shows `location`: its kind and where it is, never a password. */
export function describeStore(
  location: StoreLocation,
  source: StoreSource,
  fixed?: { reason: string },
  problem?: string,
): StoreInfo {
  return {
    kind: location.kind,
    location: storeUrlForCommands(location),
    source,
    switchable: fixed === undefined,
    ...(fixed === undefined ? {} : { reason: fixed.reason }),
    ...(problem === undefined ? {} : { problem }),
  };
}

/** A store chosen when the process started (`switchyard serve`): shown, never switched from the UI. */
export function fixedStoreSetting(location: StoreLocation, source: StoreSource): StoreSetting {
  const info = describeStore(location, source, {
    reason: 'Chosen when the server started (--store, --db or SWITCHYARD_STORE); restart it to use another store.',
  });
  return {
    info: () => info,
    connect: async () => {
      throw new SwitchyardError(
        'BAD_USAGE',
        'this server cannot switch its run store: restart switchyard serve with another --store',
      );
    },
  };
}
