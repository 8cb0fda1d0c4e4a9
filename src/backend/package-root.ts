import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PackageJson = z.object({ name: z.string(), version: z.string() });

function readPackage(dir: string): z.infer<typeof PackageJson> | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    const parsed = PackageJson.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface PackageInfo {
  root: string;
  version: string;
}

/**
 * The switchyard package folder, found by walking up from this module: the same answer from
 * src/backend/*.ts (tests, tsx) and from the bundled dist/cli.js.
 */
export function findPackage(from: string = fileURLToPath(import.meta.url)): PackageInfo | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkg = readPackage(dir);
    if (pkg?.name === 'switchyard') return { root: dir, version: pkg.version };
    if (dirname(dir) === dir) return undefined;
  }
}

/** Where `npm run build` puts the web UI. */
export function defaultStaticDir(): string | undefined {
  const pkg = findPackage();
  return pkg === undefined ? undefined : join(pkg.root, 'dist', 'renderer');
}
