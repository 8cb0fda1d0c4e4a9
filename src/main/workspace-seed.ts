import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const FLOW_SUFFIX = '.flow.json';
/** Longest base name we generate; file systems allow more, but people read these names. */
const MAX_BASE_LENGTH = 80;

export interface SeedResult {
  /** True when the folder did not exist and was created. */
  created: boolean;
  /** Example files copied in (only into a new or empty folder). */
  copied: string[];
}

/**
 * Makes sure the workspace folder exists; a new or empty folder (dot files aside) gets the
 * example flows. A folder with anything in it is left alone, so examples the user deleted
 * do not come back.
 *
 * @example
 * ensureWorkspace('/home/ana/Documents/Switchyard', '/opt/switchyard/assets/examples')
 */
export function ensureWorkspace(workspaceDir: string, examplesDir: string): SeedResult {
  const created = !existsSync(workspaceDir);
  mkdirSync(workspaceDir, { recursive: true });
  const entries = readdirSync(workspaceDir).filter((name) => !name.startsWith('.'));
  if (entries.length > 0 || !existsSync(examplesDir)) return { created, copied: [] };
  const copied: string[] = [];
  for (const name of readdirSync(examplesDir).sort()) {
    if (!name.endsWith(FLOW_SUFFIX)) continue;
    copyFileSync(join(examplesDir, name), join(workspaceDir, name));
    copied.push(name);
  }
  return { created, copied };
}

/**
 * A workspace file name (`WorkflowFileName` in the Backend API) for a file picked anywhere
 * on disk: keeps the readable part of its name and always ends in `.flow.json`.
 *
 * @example
 * workspaceNameFor('/tmp/Order approval (v2).json') // 'Order approval -v2-.flow.json'
 */
export function workspaceNameFor(filePath: string): string {
  let base = basename(filePath);
  if (base.toLowerCase().endsWith(FLOW_SUFFIX)) base = base.slice(0, -FLOW_SUFFIX.length);
  else if (base.toLowerCase().endsWith('.json')) base = base.slice(0, -'.json'.length);
  base = base
    .replace(/[^A-Za-z0-9._ -]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_BASE_LENGTH)
    .trimEnd();
  return `${base === '' ? 'workflow' : base}${FLOW_SUFFIX}`;
}

/** `name-2.flow.json`, `name-3.flow.json`, … for "keep both" imports. */
export function numberedName(fileName: string, n: number): string {
  const base = fileName.endsWith(FLOW_SUFFIX) ? fileName.slice(0, -FLOW_SUFFIX.length) : fileName;
  return `${base}-${n}${FLOW_SUFFIX}`;
}
