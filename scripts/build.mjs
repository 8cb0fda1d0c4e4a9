// Bundles the CLI (and build-time scripts) with esbuild.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-options.mjs';

await build({
  ...NODE_BUNDLE,
  entryPoints: {
    cli: 'src/cli/main.ts',
    'script-thread': 'src/backend/script-thread.ts',
    'scripts/generate-schema': 'scripts/generate-schema.ts',
    'scripts/security-check': 'scripts/security-check.ts',
  },
});
