// `npm run security`: electronegativity over the Electron main process, the preload and the page
// shell, as sources and as built; fails on any finding that the allow-list does not explain (and on
// allow-list entries that explain nothing any more). Offline: the one check that downloads
// Electron's release list is left out.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import {
  AllowList,
  compareFindings,
  formatFinding,
  ScanResult,
  type ScanName,
  type ScannedFinding,
} from './security/findings.js';

const ALLOW_LIST = 'scripts/security/electronegativity-allowed.json';
/** Fetches Electron's release list from GitHub: not offline, and about Electron's own releases. */
const ONLINE_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

type Run = (options: Record<string, unknown>) => Promise<unknown>;
const RunFunction = z.custom<Run>((value) => typeof value === 'function', 'electronegativity exports no function');

/** Each scan: which file goes where in the scanned folder (the tool reads `.js`, not `.cjs`). */
const SCANS: Record<ScanName, readonly { from: string; to: string }[]> = {
  source: [
    { from: 'src/main', to: 'main' },
    { from: 'src/preload', to: 'preload' },
    { from: 'src/renderer/index.html', to: 'renderer/index.html' },
  ],
  built: [
    { from: 'dist/main/main.cjs', to: 'main/main.js' },
    { from: 'dist/preload/preload.cjs', to: 'preload/preload.js' },
    { from: 'dist/renderer/index.html', to: 'renderer/index.html' },
  ],
};

function fail(message: string): never {
  console.error(`security: ${message}`);
  process.exit(2);
}

function electronVersion(): string {
  const pkg = z
    .object({ optionalDependencies: z.object({ electron: z.string() }) })
    .safeParse(JSON.parse(readFileSync('package.json', 'utf8')));
  if (!pkg.success) fail('package.json names no electron version (optionalDependencies.electron)');
  return pkg.data.optionalDependencies.electron.replace(/^[\^~>=\s]+/, '');
}

/** Copies what one scan covers into a fresh folder (tests left out); returns the folder. */
function stage(scan: ScanName, root: string): string {
  const dir = join(root, scan);
  for (const { from, to } of SCANS[scan]) {
    if (!existsSync(from)) fail(`${from} is missing${scan === 'built' ? '; run npm run build first' : ''}`);
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    cpSync(from, join(dir, to), { recursive: true, filter: (path) => !/\.test\.tsx?$/.test(basename(path)) });
  }
  return dir;
}

async function scan(run: Run, name: ScanName, dir: string, version: string): Promise<ScannedFinding[]> {
  const result = ScanResult.parse(
    await run({ input: dir, isRelative: true, excludeFromScan: ONLINE_CHECKS, electronVersionOverride: version }),
  );
  if (result.errors.length > 0)
    fail(
      `electronegativity could not parse some ${name} files, so they went unchecked: ${JSON.stringify(result.errors)}`,
    );
  return result.issues.map((issue) => ({ ...issue, scan: name }));
}

async function main(): Promise<number> {
  const run = RunFunction.parse(createRequire(import.meta.url)('@doyensec/electronegativity'));
  const allowed = AllowList.parse(JSON.parse(readFileSync(ALLOW_LIST, 'utf8'))).falsePositives;
  const version = electronVersion();
  const root = mkdtempSync(join(tmpdir(), 'switchyard-security-'));
  try {
    const findings: ScannedFinding[] = [];
    for (const name of ['source', 'built'] as const)
      findings.push(...(await scan(run, name, stage(name, root), version)));
    const { unexpected, stale } = compareFindings(findings, allowed);
    for (const finding of unexpected) console.error(`security: finding: ${formatFinding(finding)}`);
    for (const entry of stale)
      console.error(
        `security: ${ALLOW_LIST} lists ${entry.check} in ${entry.scan} ${entry.file}, which no longer occurs`,
      );
    if (unexpected.length > 0 || stale.length > 0) {
      console.error(`security: fix each finding, or add it to ${ALLOW_LIST} with the reason it is a false positive`);
      return 1;
    }
    console.log(
      `security: electronegativity (Electron ${version}): ${findings.length} findings, each a documented false positive (${ALLOW_LIST})`,
    );
    return 0;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
