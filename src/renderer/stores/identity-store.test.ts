import { describe, expect, it } from 'vitest';
import type { Identity } from '#shared';
import { BackendError } from '../transport/backend-error.js';
import type { SessionPort } from '../transport/transport.js';
import { createIdentityStore } from './identity-store.js';

const ana: Identity = { name: 'ana', groups: ['finance'], source: 'users-file' };

function fakeSession(): SessionPort & { expire(): void } {
  const listeners = new Set<() => void>();
  return {
    signIn: async (name, password) => {
      if (name === 'ana' && password === 'pw') return ana;
      throw new BackendError('UNAUTHORIZED', 'wrong name or password');
    },
    signOut: async () => undefined,
    onUnauthorized: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    expire: () => listeners.forEach((l) => l()),
  };
}

describe('the identity store', () => {
  it('is ready with whoami, or signed out when the server answers 401', async () => {
    const local = createIdentityStore({ whoami: async () => ({ name: 'me', groups: [], source: 'os' }) });
    await local.getState().refresh();
    expect(local.getState()).toMatchObject({ status: 'ready', me: { name: 'me', source: 'os' } });

    const session = fakeSession();
    const remote = createIdentityStore(
      {
        whoami: async () => {
          throw new BackendError('UNAUTHORIZED', 'sign in first');
        },
      },
      session,
    );
    await remote.getState().refresh();
    expect(remote.getState().status).toBe('signed-out');
    expect(await remote.getState().signIn('ana', 'nope')).toBe('wrong name or password');
    expect(remote.getState().status).toBe('signed-out');
    expect(await remote.getState().signIn('ana', 'pw')).toBeUndefined();
    expect(remote.getState()).toMatchObject({ status: 'ready', me: ana });
    session.expire();
    expect(remote.getState()).toMatchObject({ status: 'signed-out', me: null });
  });

  it('shows other failures as errors', async () => {
    const broken = createIdentityStore({
      whoami: async () => {
        throw new BackendError('NETWORK', 'could not reach the Switchyard server');
      },
    });
    await broken.getState().refresh();
    expect(broken.getState()).toMatchObject({ status: 'error', error: 'could not reach the Switchyard server' });
  });
});
