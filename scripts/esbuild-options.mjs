// The esbuild settings every Node bundle shares (Node 20 cannot run TypeScript); npm dependencies stay external.

/** @satisfies {import('esbuild').BuildOptions} */
export const NODE_BUNDLE = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
