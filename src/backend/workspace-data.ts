import { join, resolve } from 'node:path';

/**
 * Where a workspace keeps what Switchyard writes beside the workflow files (kept versions,
 * pinned data): `DIR/.switchyard/<part>`. The dot keeps it out of the list of workflow files.
 */
export function workspaceDataDir(workspaceDir: string, part: 'versions' | 'pins'): string {
  return join(resolve(workspaceDir), '.switchyard', part);
}
