#!/usr/bin/env node
// Thin entry: the CLI is built to dist/ by `npm run build` (run by `npm install` via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('switchyard: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(built);
process.exitCode = await main(process.argv.slice(2));
