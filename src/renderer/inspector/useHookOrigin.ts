import { useStores } from '../stores/stores-context.js';

/** `switchyard serve`'s address when it does not serve this page (the desktop app): its default. */
const DEFAULT_SERVE_ORIGIN = 'http://127.0.0.1:4310';

/** The origin webhooks are served at: the server of this page, else serve's default address. */
export function useHookOrigin(): string {
  const { transport } = useStores();
  return transport.kind === 'http' ? window.location.origin : DEFAULT_SERVE_ORIGIN;
}
