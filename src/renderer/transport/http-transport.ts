import { RunEventsMessage, type BackendMethod } from '#shared';
import { BackendError, errorMessage } from './backend-error.js';
import { createApi, type RunEventsListener, type Transport } from './transport.js';

/**
 * The Backend API over HTTP, as served by `switchyard serve`: `POST /api/<method>` with the
 * params as JSON, answered by an envelope; live run events through Server-Sent Events at
 * `/api/events`.
 *
 * @example
 * const api = createHttpTransport('', sessionToken);
 * const files = await api.listWorkflows({});
 */
export function createHttpTransport(baseUrl = '', token?: string): Transport {
  const root = baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token !== undefined && token !== '') headers['Authorization'] = `Bearer ${token}`;

  const call = async (method: BackendMethod, params: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${root}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(params ?? {}) });
    } catch (err) {
      throw new BackendError('NETWORK', `could not reach the Switchyard server (${errorMessage(err)})`);
    }
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      const status = `HTTP ${response.status}`;
      throw new BackendError('BAD_RESPONSE', `${method}: the server answered ${status} without a JSON envelope`);
    }
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
