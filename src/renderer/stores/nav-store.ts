import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseRoute, routeHash, type Route } from '../run-model/run-route.js';

/** Where the route lives: the location hash in the page, a variable in tests. */
export interface LocationPort {
  read(): string;
  write(hash: string): void;
  /** Calls back when the location changes by itself (back/forward); returns the unsubscribe function. */
  listen(onChange: () => void): () => void;
}

export interface NavState {
  route: Route;
  navigate(route: Route): void;
}

export type NavStore = StoreApi<NavState>;

export function memoryLocation(initial = ''): LocationPort {
  let hash = initial;
  return { read: () => hash, write: (next) => (hash = next), listen: () => () => undefined };
}

export function windowLocation(win: Window): LocationPort {
  return {
    read: () => win.location.hash,
    write: (hash) => {
      if (win.location.hash !== hash) win.location.hash = hash;
    },
    listen: (onChange) => {
      win.addEventListener('hashchange', onChange);
      return () => win.removeEventListener('hashchange', onChange);
    },
  };
}

/** The page shown (Designer | Runs | a run | Inbox), kept in the location hash so reloads and Back work. */
export function createNavStore(location: LocationPort = memoryLocation()): NavStore {
  const store = createStore<NavState>()((set) => ({
    route: parseRoute(location.read()),
    navigate(route) {
      location.write(routeHash(route));
      set({ route });
    },
  }));
  location.listen(() => {
    const route = parseRoute(location.read());
    if (routeHash(route) !== routeHash(store.getState().route)) store.setState({ route });
  });
  return store;
}
