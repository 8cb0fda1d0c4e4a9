import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';
import type { Transport } from './transport.js';

/**
 * IPC inside Electron (the preload set `window.switchyard`), else HTTP against the server
 * that served this page. A `token` query parameter (as printed by `switchyard serve
 * --token`) is kept for the session.
 */
export function pickTransport(win: Window = window): Transport {
  if (win.switchyard !== undefined) return createIpcTransport(win.switchyard);
  return createHttpTransport('', sessionToken(win));
}

function sessionToken(win: Window): string | undefined {
  const fromUrl = new URLSearchParams(win.location.search).get('token');
  try {
    if (fromUrl !== null) win.sessionStorage.setItem('switchyard.token', fromUrl);
    return win.sessionStorage.getItem('switchyard.token') ?? undefined;
  } catch {
    return fromUrl ?? undefined;
  }
}
