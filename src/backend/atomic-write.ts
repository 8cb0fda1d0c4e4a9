import { randomUUID } from 'node:crypto';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temp file beside `path`; the leading dot keeps a half-written file out of folder listings. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
}

/** Replaces a file atomically: readers see the old text or the new one, never half. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** As writeFileAtomically, synchronously, readable by its owner only (0600): for files that hold secrets. */
export function writeOwnerOnly(path: string, text: string): void {
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
