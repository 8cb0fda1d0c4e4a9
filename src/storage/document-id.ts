import { createHash } from 'node:crypto';

/** The key of a stored workflow document: a hash of its text, so identical documents share a row. */
export function documentIdOf(document: string): string {
  return `sha256:${createHash('sha256').update(document).digest('base64url')}`;
}
