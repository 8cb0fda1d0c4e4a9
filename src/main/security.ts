import { app, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, isPermissionGranted } from './security-policy.js';

/**
 * Electron security defaults (DESIGN §1, normative). The web preferences live in window.ts;
 * this file covers what the page may load, navigate to, open and ask for.
 */

/** Opens `url` in the system browser when the allow-list says so; returns whether it did. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`switchyard: refused to open ${url}: only https links to allow-listed hosts open outside the app`);
    return false;
  }
  shell.openExternal(url).catch((err: unknown) => {
    console.warn(`switchyard: could not open ${url}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return true;
}

/**
 * Session-wide rules: a strict CSP on every HTTP(S) response (the app's own pages are served
 * by the app:// handler, which sets the same header itself: webRequest's header hooks do not
 * run for custom protocols) and no permission is granted beyond GRANTED_PERMISSIONS.
 */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
}

/** Per-page rules, applied to every WebContents the app ever creates. */
export function secureWebContents(contents: WebContents): void {
  const blockNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    // A plain link to the docs should still work: it opens in the browser instead.
    openExternalIfAllowed(url);
  };
  contents.on('will-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-redirect', (event) => blockNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Installs secureWebContents for every WebContents, including ones created later. */
export function secureAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));
}
