import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, isPermissionGranted } from './security-policy.js';

describe('isAllowedExternalUrl', () => {
  it('accepts https links to allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://docs.jsonata.org/overview.html')).toBe(true);
    expect(isAllowedExternalUrl('https://GitHub.com/statelyai/xstate')).toBe(true);
  });

  it.each([
    ['plain http', 'http://docs.jsonata.org/'],
    ['a host not in the list', 'https://example.com/'],
    ['a look-alike subdomain', 'https://github.com.evil.example/'],
    ['a subdomain of an allowed host', 'https://gist.github.com/'],
    ['credentials in the URL', 'https://user:pw@github.com/'],
    ['a custom port', 'https://github.com:8443/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['the app itself', 'app://switchyard/index.html'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('is true only for the app origin', () => {
    expect(isAppUrl('app://switchyard/index.html')).toBe(true);
    expect(isAppUrl('app://switchyard/runs?id=1#x')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://switchyard/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('has the normative directives and nothing that re-enables eval or inline scripts', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'self'",
    });
  });
});

describe('isPermissionGranted', () => {
  it('grants only sanitized clipboard writes, and only to the app itself', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://switchyard/index.html')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://switchyard')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    for (const permission of [
      'clipboard-read',
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'fullscreen',
      'usb',
    ]) {
      expect(isPermissionGranted(permission, 'app://switchyard/index.html')).toBe(false);
    }
  });
});
