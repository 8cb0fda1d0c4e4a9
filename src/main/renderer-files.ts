import { extname, relative, resolve, sep } from 'node:path';

/** Content types of the files a Vite build of the renderer produces. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  // Served with the right type so WebAssembly.instantiateStreaming works.
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps the path of an `app://switchyard/…` URL to a file inside `rootDir`, or undefined when
 * it would leave the folder. A path without an extension is a client-side route: it gets
 * index.html.
 *
 * @example
 * rendererFileFor('/repo/dist/renderer', '/assets/index-abc.js') // '/repo/dist/renderer/assets/index-abc.js'
 * rendererFileFor('/repo/dist/renderer', '/../secret') // undefined
 */
export function rendererFileFor(rootDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = resolve(rootDir);
  const trimmed = decoded.replace(/^\/+/, '');
  const wanted = trimmed === '' || extname(trimmed) === '' ? 'index.html' : trimmed;
  const file = resolve(root, wanted);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') || resolve(root, rel) !== file)
    return undefined;
  return file;
}
