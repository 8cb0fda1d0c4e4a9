// Type-checks src/main + src/preload (tsconfig.electron.json) and e2e/electron (its own
// tsconfig, with DOM types for code evaluated in the page). Electron's types come from the
// electron package, an optional dependency: without it there is nothing to check against,
// so this step is skipped instead of failing.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);

function electronTypes() {
  try {
    const types = require.resolve('electron/electron.d.ts');
    return existsSync(types) ? types : undefined;
  } catch {
    return undefined;
  }
}

if (!electronTypes()) {
  console.log('skipped: electron is not installed');
  process.exit(0);
}
const tsc = require.resolve('typescript/bin/tsc');
let failed = false;
for (const project of ['tsconfig.electron.json', 'e2e/electron/tsconfig.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
