import { extname, relative, resolve, sep } from 'node:path';
export { contentTypeOf } from '#backend';

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
