import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { contentTypeOf, rendererFileFor } from './renderer-files.js';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security-policy.js';

/**
 * Why app:// and not file://: a file:// page gets no response headers (so no CSP header),
 * has an opaque origin (so 'self' and fetch behave oddly) and could read any local file it
 * can name. A privileged standard+secure scheme gives the page a real origin
 * (`app://switchyard`), so `'self'` in the CSP means exactly "the built renderer".
 *
 * Must run before the app's `ready` event.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Serves the built renderer (`rendererDir`, i.e. dist/renderer) read-only under app://switchyard/. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return textResponse(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const file = rendererFileFor(rendererDir, url.pathname);
    if (!file) return textResponse(404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'not found');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  });
}
