/** A path as it can be printed on one line: control characters (a NUL byte, a newline) escaped. */
export function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Why reading or writing `path` failed, in one line that names the file (Node's own message is
 * kept only for causes not named here).
 */
export function describeFileError(action: 'read' | 'write', path: string, err: unknown): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  const what = `cannot ${action} ${printablePath(path)}`;
  if (path.includes('\0')) return `${what}: a file path cannot contain a NUL byte`;
  if (code === 'ENOENT') return action === 'read' ? `${what}: no such file` : `${what}: its folder does not exist`;
  if (code === 'ENOTDIR') return `${what}: a part of the path is not a folder`;
  if (code === 'EISDIR') return `${what}: it is a directory`;
  if (code === 'EACCES' || code === 'EPERM') return `${what}: permission denied`;
  if (code === 'ENAMETOOLONG') return `${what}: the name is too long`;
  return `${what}: ${err instanceof Error ? err.message : String(err)}`;
}
