import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, rendererFileFor } from './renderer-files.js';

const root = resolve('/srv/app/dist/renderer');

describe('rendererFileFor', () => {
  it('maps URL paths to files inside the renderer folder', () => {
    expect(rendererFileFor(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(rendererFileFor(root, '/assets/my%20font.woff2')).toBe(join(root, 'assets', 'my font.woff2'));
  });

  it('answers index.html for the root and for client-side routes', () => {
    expect(rendererFileFor(root, '/')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, '')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, '/runs/r_123')).toBe(join(root, 'index.html'));
  });

  it.each([
    ['dot-dot segments', '/../../etc/passwd.txt'],
    ['encoded dot-dot', '/%2e%2e/%2e%2e/etc/passwd.txt'],
    ['encoded slashes', '/..%2f..%2fetc%2fpasswd.txt'],
    ['a NUL byte', '/index.html%00.png'],
    ['malformed escapes', '/%E0%A4%A.js'],
  ])('refuses %s', (_name, path) => {
    expect(rendererFileFor(root, path)).toBeUndefined();
  });
});

describe('contentTypeOf', () => {
  it('knows the types a Vite build produces', () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/emscripten-module.wasm')).toBe('application/wasm');
    expect(contentTypeOf('a/unknown.bin')).toBe('application/octet-stream');
  });
});
