import { link, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SwitchyardError, WorkflowFileName } from '#shared';
import { writeFileAtomically } from './atomic-write.js';
import { FsVersionArchive, type VersionArchive } from './version-archive.js';

export interface WorkspaceEntry {
  file: string;
  /** ISO time of the last change. */
  modifiedAt: string;
}

/** The folder of `*.flow.json` files the designer edits. Every name is a bare file name. */
export interface Workspace {
  list(): Promise<WorkspaceEntry[]>;
  read(file: string): Promise<string>;
  /** Replaces the file atomically: readers see the old text or the new one, never half. */
  write(file: string, text: string): Promise<void>;
  /** Refuses (CONFLICT) when `to` exists. */
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  exists(file: string): Promise<boolean>;
  /** Every saved version of each workflow, by workflow id. */
  readonly versions: VersionArchive;
}

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * A workspace on disk. File names are checked against WorkflowFileName and resolved paths
 * must stay directly inside the folder, so no request can reach another file.
 *
 * @example
 * const ws = new FsWorkspace('/home/ana/flows');
 * await ws.write('order.flow.json', text);
 */
export class FsWorkspace implements Workspace {
  readonly dir: string;
  readonly versions: VersionArchive;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.versions = new FsVersionArchive(this.dir);
  }

  async list(): Promise<WorkspaceEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      throw new SwitchyardError(
        'NOT_FOUND',
        `cannot read the workspace folder ${this.dir}: ${errnoOf(err) ?? String(err)}`,
      );
    }
    const entries: WorkspaceEntry[] = [];
    for (const file of names.filter((name) => WorkflowFileName.safeParse(name).success).sort()) {
      try {
        const info = await stat(join(this.dir, file));
        if (info.isFile()) entries.push({ file, modifiedAt: info.mtime.toISOString() });
      } catch {
        // Deleted between readdir and stat: it is simply not there any more.
      }
    }
    return entries;
  }

  async read(file: string): Promise<string> {
    const path = this.pathOf(file);
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw this.fsError(file, 'read', err);
    }
  }

  async write(file: string, text: string): Promise<void> {
    const path = this.pathOf(file);
    try {
      await writeFileAtomically(path, text);
    } catch (err) {
      throw this.fsError(file, 'write', err);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    const source = this.pathOf(from);
    const target = this.pathOf(to);
    if (source === target) {
      if (!(await this.exists(from)))
        throw new SwitchyardError('NOT_FOUND', `${from} does not exist in the workspace ${this.dir}`);
      return;
    }
    try {
      // link fails with EEXIST instead of replacing the target: no check-then-act race.
      await link(source, target);
      await unlink(source);
    } catch (err) {
      const code = errnoOf(err);
      if (code === 'EEXIST')
        throw new SwitchyardError(
          'CONFLICT',
          `${to} already exists in the workspace; choose another name or delete it first`,
        );
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') return this.renameWithoutLink(from, to);
      throw this.fsError(from, 'rename', err);
    }
  }

  async remove(file: string): Promise<void> {
    try {
      await unlink(this.pathOf(file));
    } catch (err) {
      throw this.fsError(file, 'delete', err);
    }
  }

  async exists(file: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(file))).isFile();
    } catch {
      return false;
    }
  }

  /** For file systems without hard links (some network and FAT drives). */
  private async renameWithoutLink(from: string, to: string): Promise<void> {
    if (await this.exists(to))
      throw new SwitchyardError(
        'CONFLICT',
        `${to} already exists in the workspace; choose another name or delete it first`,
      );
    try {
      await rename(this.pathOf(from), this.pathOf(to));
    } catch (err) {
      throw this.fsError(from, 'rename', err);
    }
  }

  private pathOf(file: string): string {
    const name = WorkflowFileName.safeParse(file);
    if (!name.success) {
      throw new SwitchyardError(
        'BAD_USAGE',
        `file name ${JSON.stringify(file)}: ${name.error.issues[0]?.message ?? 'not a workflow file name'}`,
      );
    }
    const path = resolve(this.dir, name.data);
    if (dirname(path) !== this.dir) {
      throw new SwitchyardError('BAD_USAGE', `file name ${JSON.stringify(file)} points outside the workspace folder`);
    }
    return path;
  }

  private fsError(file: string, action: string, err: unknown): SwitchyardError {
    const code = errnoOf(err);
    if (code === 'ENOENT')
      return new SwitchyardError('NOT_FOUND', `${file} does not exist in the workspace ${this.dir}`);
    if (code === 'EISDIR') return new SwitchyardError('BAD_USAGE', `${file} is a folder, not a workflow file`);
    if (code === 'EACCES' || code === 'EPERM')
      return new SwitchyardError('STORE_FAILED', `cannot ${action} ${file}: permission denied`);
    return new SwitchyardError(
      'STORE_FAILED',
      `cannot ${action} ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
