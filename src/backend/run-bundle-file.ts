import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseRunBundle } from '#engine';
import { SwitchyardError, type RunBundle } from '#shared';
import { parseJsonText, prettyJson } from './json-text.js';
import { readTextFile } from './workflow-file.js';

/**
 * Reads and checks a run bundle file (DESIGN §4). Throws NOT_FOUND (unreadable), BAD_JSON
 * (with line and column) or BAD_BUNDLE (gap, newer format, bad shape), each naming the file.
 *
 * @example
 * const bundle = readRunBundleFile('run.bundle.json');
 */
export function readRunBundleFile(path: string): RunBundle {
  return parseRunBundle(parseJsonText(path, readTextFile(path)), path);
}

function describeWriteError(path: string, err: unknown): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  if (code === 'ENOENT') return `cannot write ${path}: its folder does not exist`;
  if (code === 'EISDIR') return `cannot write ${path}: it is a directory`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot write ${path}: permission denied`;
  return `cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`;
}

/** Writes a bundle file (2-space JSON) whole or not at all: a temp file renamed over the target. */
export function writeRunBundleFile(path: string, bundle: RunBundle): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, prettyJson(bundle));
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new SwitchyardError('NOT_FOUND', describeWriteError(path, err));
  }
}
