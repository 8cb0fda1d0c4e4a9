/**
 * The security rules of the desktop app as plain data and pure checks (no Electron here,
 * so they are unit-tested). `security.ts` wires them into Electron.
 */

/** The page is served from `app://switchyard/…` (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchyard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY } from '#backend';

/** Hosts the app may open in the user's browser; https only, exact host match. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'github.com',
  'docs.jsonata.org',
  'jsonata.org',
  'stately.ai',
  'www.electronjs.org',
];

/**
 * The only web permission the app's own page gets: writing sanitized text to the clipboard
 * (the statechart drawer's Copy button uses navigator.clipboard.writeText). It cannot read
 * anything, and Chrome grants it to any focused page without asking. Every other permission
 * (camera, microphone, notifications, geolocation, clipboard-read, USB, …) is denied, and
 * so is everything asked for by any other origin.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for URLs of the app's own pages (navigation inside the app is allowed). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** True when `url` may be handed to the system browser: https, no credentials, an allow-listed host. */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  return hosts.includes(parsed.hostname.toLowerCase());
}

/** Whether `permission`, asked for by a page at `requestingUrl` (a URL or an origin), is granted. */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl);
}
