import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SwitchyardError, WorkflowId } from '#shared';
import { writeFileAtomically } from './atomic-write.js';
import { workspaceDataDir } from './workspace-data.js';

export interface VersionEntry {
  version: number;
  /** ISO time the version was last saved. */
  savedAt: string;
}

/** Every saved version of each workflow: what the version list, the diff and the replay check read. */
export interface VersionArchive {
  /** Keeps `text` as `version` of the workflow; saving the same version again (a layout-only change) replaces it. */
  keep(workflowId: string, version: number, text: string): Promise<void>;
  /** Newest first; empty when none was kept. */
  list(workflowId: string): Promise<VersionEntry[]>;
  /** The document text of one version, or NOT_FOUND. */
  read(workflowId: string, version: number): Promise<string>;
}

const VERSION_FILE = /^([1-9][0-9]*)\.flow\.json$/;

/**
 * Versions as plain workflow files beside the workspace's own:
 * `DIR/.switchyard/versions/<workflowId>/<version>.flow.json`. Each one runs, validates and
 * replays with the CLI as it is (`replay RUN --against …/3.flow.json`), survives restarts and
 * moves with the folder.
 */
export class FsVersionArchive implements VersionArchive {
  readonly root: string;

  constructor(workspaceDir: string) {
    this.root = workspaceDataDir(workspaceDir, 'versions');
  }

  async keep(workflowId: string, version: number, text: string): Promise<void> {
    const dir = this.folderOf(workflowId);
    try {
      await mkdir(dir, { recursive: true });
      await writeFileAtomically(join(dir, fileOf(version)), text);
    } catch (err) {
      throw new SwitchyardError(
        'STORE_FAILED',
        `cannot keep version ${version} of ${workflowId} in ${dir}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  async list(workflowId: string): Promise<VersionEntry[]> {
    const dir = this.folderOf(workflowId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const entries: VersionEntry[] = [];
    for (const name of names) {
      const version = VERSION_FILE.exec(name)?.[1];
      if (version === undefined) continue;
      try {
        const info = await stat(join(dir, name));
        if (info.isFile()) entries.push({ version: Number(version), savedAt: info.mtime.toISOString() });
      } catch {
        // Removed between readdir and stat: not there any more.
      }
    }
    return entries.sort((a, b) => b.version - a.version);
  }

  async read(workflowId: string, version: number): Promise<string> {
    try {
      return await readFile(join(this.folderOf(workflowId), fileOf(version)), 'utf8');
    } catch {
      throw new SwitchyardError('NOT_FOUND', `version ${version} of workflow ${workflowId} was never saved here`);
    }
  }

  /** The id's syntax (`[a-z0-9][a-z0-9_-]*`) keeps the folder inside the archive. */
  private folderOf(workflowId: string): string {
    if (!WorkflowId.safeParse(workflowId).success)
      throw new SwitchyardError('BAD_USAGE', `${JSON.stringify(workflowId)} is not a workflow id`);
    return join(this.root, workflowId);
  }
}

function fileOf(version: number): string {
  if (!Number.isInteger(version) || version < 1)
    throw new SwitchyardError('BAD_USAGE', `a version is a whole number from 1, got ${version}`);
  return `${version}.flow.json`;
}
