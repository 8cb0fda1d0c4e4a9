// Bundles the benchmarks with esbuild.
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../scripts/esbuild-options.mjs';

await build({ ...NODE_BUNDLE, entryPoints: { 'bench/run': 'bench/run.ts' } });
