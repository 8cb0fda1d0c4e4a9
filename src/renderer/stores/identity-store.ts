import type { BackendApi, Identity } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { BackendError, errorMessage } from '../transport/backend-error.js';
import type { SessionPort } from '../transport/transport.js';

export interface IdentityState {
  /** Who decides approvals from this window; set once `status` is `ready`. */
  me: Identity | null;
  /** `signed-out`: the server wants a sign-in (serve --users) before anything else. */
  status: 'loading' | 'ready' | 'signed-out' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  /** Answers the reason when the sign-in was refused. */
  signIn(name: string, password: string): Promise<string | undefined>;
  signOut(): Promise<void>;
}

export type IdentityStore = StoreApi<IdentityState>;

/** Who the backend says the user is (`whoami`), and signing in and out where the server asks for it. */
export function createIdentityStore(api: Pick<BackendApi, 'whoami'>, session?: SessionPort): IdentityStore {
  const store = createStore<IdentityState>()((set) => ({
    me: null,
    status: 'loading',
    error: null,
    async refresh() {
      try {
        set({ me: await api.whoami({}), status: 'ready', error: null });
      } catch (err) {
        if (err instanceof BackendError && err.code === 'UNAUTHORIZED') set({ me: null, status: 'signed-out' });
        else set({ status: 'error', error: errorMessage(err) });
      }
    },
    async signIn(name, password) {
      if (session === undefined) return 'this app does not sign in: it runs as your operating-system user';
      try {
        const me = await session.signIn(name, password);
        set({ me, status: 'ready', error: null });
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
    async signOut() {
      if (session === undefined) return;
      await session.signOut().catch(() => undefined);
      set({ me: null, status: 'signed-out' });
    },
  }));
  session?.onUnauthorized(() => {
    if (store.getState().status !== 'signed-out') store.setState({ me: null, status: 'signed-out' });
  });
  return store;
}
