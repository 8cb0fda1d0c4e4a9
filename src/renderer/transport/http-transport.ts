import { Identity, RunEventsMessage, type BackendMethod } from '#shared';
import { BackendError, errorMessage } from './backend-error.js';
import { createApi, unwrapEnvelope, type RunEventsListener, type SessionPort, type Transport } from './transport.js';

/**
 * The Backend API over HTTP, as served by `switchyard serve`: `POST /api/<method>` with the
 * params as JSON, answered by an envelope; live run events through Server-Sent Events at
 * `/api/events`. With `serve --users` the page signs in through `session` (an HttpOnly
 * cookie the browser sends along); any 401 tells the session's listeners.
 *
 * @example
 * const api = createHttpTransport('', sessionToken);
 * const files = await api.listWorkflows({});
 */
export function createHttpTransport(baseUrl = '', token?: string): Transport {
  const root = baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token !== undefined && token !== '') headers['Authorization'] = `Bearer ${token}`;
  const unauthorized = new Set<() => void>();

  const send = async (path: string, label: string, method: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${root}/api/${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new BackendError('NETWORK', `could not reach the Switchyard server (${errorMessage(err)})`);
    }
    const text = await response.text();
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      const status = `HTTP ${response.status}`;
      throw new BackendError('BAD_RESPONSE', `${label}: the server answered ${status} without a JSON envelope`);
    }
    if (response.status === 401 && path !== 'session') for (const listener of unauthorized) listener();
    return envelope;
  };
  const call = (method: BackendMethod, params: unknown): Promise<unknown> => send(method, method, 'POST', params ?? {});

  const session: SessionPort = {
    async signIn(name, password) {
      const answer = await send('session', 'sign-in', 'POST', { name, password });
      // unwrapEnvelope names a method; the sign-in answers the same shape as whoami.
      return unwrapEnvelope('whoami', Identity, answer);
    },
    async signOut() {
      await send('session', 'sign-out', 'DELETE');
    },
    onUnauthorized(listener) {
      unauthorized.add(listener);
      return () => unauthorized.delete(listener);
    },
  };

  const listeners = new Set<RunEventsListener>();
  let source: EventSource | undefined;

  const open = (): void => {
    if (typeof EventSource === 'undefined') return;
    const query = token !== undefined && token !== '' ? `?token=${encodeURIComponent(token)}` : '';
    source = new EventSource(`${root}/api/events${query}`);
    source.onmessage = (event: MessageEvent<string>) => {
      let value: unknown;
      try {
        value = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = RunEventsMessage.safeParse(value);
      if (!parsed.success) return;
      for (const listener of listeners) listener(parsed.data);
    };
  };

  return {
    kind: 'http',
    ...createApi(call),
    session,
    subscribe(listener) {
      listeners.add(listener);
      if (source === undefined) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source !== undefined) {
          source.close();
          source = undefined;
        }
      };
    },
    onMenu() {
      return () => undefined;
    },
  };
}
