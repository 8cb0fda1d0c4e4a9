import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const RecentFileList = z.array(z.string().min(1));

export const MAX_RECENT_FILES = 10;

/**
 * The "Open Recent" list, newest first, persisted as a JSON array (userData/recent.json).
 * A missing or damaged file reads as an empty list: losing the list must never stop the app.
 */
export class RecentFiles {
  private files: string[];

  constructor(
    private readonly storePath: string,
    private readonly max = MAX_RECENT_FILES,
  ) {
    this.files = this.read();
  }

  list(): readonly string[] {
    return this.files;
  }

  /** Moves `file` to the top; returns the new list. */
  add(file: string): readonly string[] {
    this.files = [file, ...this.files.filter((f) => f !== file)].slice(0, this.max);
    this.write();
    return this.files;
  }

  remove(file: string): readonly string[] {
    this.files = this.files.filter((f) => f !== file);
    this.write();
    return this.files;
  }

  clear(): void {
    this.files = [];
    this.write();
  }

  private read(): string[] {
    let text: string;
    try {
      text = readFileSync(this.storePath, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = RecentFileList.safeParse(JSON.parse(text));
      return parsed.success ? [...new Set(parsed.data)].slice(0, this.max) : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    mkdirSync(dirname(this.storePath), { recursive: true });
    // Write-then-rename so that a crash mid-write leaves the old list, not half a file.
    const temp = `${this.storePath}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.files, null, 2)}\n`);
    renameSync(temp, this.storePath);
  }
}
