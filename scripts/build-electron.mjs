// Bundles the Electron main process and the preload script with esbuild.
//   dist/main/main.cjs       – main process; npm packages stay external (they ship in node_modules,
//                              better-sqlite3 is native, quickjs loads its .wasm from its own folder).
//   dist/preload/preload.cjs – sandboxed preload: one self-contained file whose only require is 'electron'.
import console from 'node:console';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 runs Node 22; node20 keeps the output loadable by plain Node for checks.
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['src/main/main.ts'],
  outfile: 'dist/main/main.cjs',
  packages: 'external',
  external: ['electron'],
  // Backend modules may locate files with import.meta.url, which CommonJS does not have.
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
});

await build({
  ...common,
  entryPoints: ['src/preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  external: ['electron'],
});

// A sandboxed preload cannot require anything but a few built-ins: fail the build, not the app.
const preload = await readFile('dist/preload/preload.cjs', 'utf8');
const requires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const forbidden = requires.filter((name) => name !== 'electron');
if (forbidden.length > 0) {
  console.error(
    `build-electron: the preload bundle requires ${forbidden.join(', ')}; a sandboxed preload may only require 'electron'`,
  );
  process.exit(1);
}
