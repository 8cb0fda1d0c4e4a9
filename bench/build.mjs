// Bundles the benchmarks with esbuild (Node 20 cannot run TypeScript); npm dependencies stay external.
import { build } from 'esbuild';

await build({
  entryPoints: { 'bench/run': 'bench/run.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
