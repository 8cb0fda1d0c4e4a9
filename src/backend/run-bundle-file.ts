import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseRunBundle } from '#engine';
import { SwitchyardError, type RunBundle } from '#shared';
import { describeFileError } from './file-errors.js';
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

/** Writes a bundle file (2-space JSON) whole or not at all: a temp file renamed over the target. */
export function writeRunBundleFile(path: string, bundle: RunBundle): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, prettyJson(bundle));
    renameSync(temp, path);
  } catch (err) {
    removeLeftover(temp);
    throw new SwitchyardError('NOT_FOUND', describeFileError('write', path, err));
  }
}

/** Removes what a failed write left; a path that could not be written cannot be removed either. */
function removeLeftover(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was created there (too long a name, a NUL byte): the write's own error is the one to report.
  }
}
