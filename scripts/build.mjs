// Bundles the CLI (and build-time scripts) with esbuild; npm dependencies stay external.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts', 'scripts/generate-schema': 'scripts/generate-schema.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
