import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// The web UI (src/renderer) is built to dist/renderer and served by `switchyard serve` at `/`
// and by Electron from a file/app URL: hence relative asset paths (`base: './'`).
export default defineConfig({
  root: fromRoot('./src/renderer'),
  base: './',
  publicDir: false,
  resolve: {
    // package.json `imports` subpaths, spelled out so every vite version resolves them the same way.
    alias: [
      { find: /^#shared$/, replacement: fromRoot('./src/shared/index.ts') },
      { find: /^#engine$/, replacement: fromRoot('./src/engine/index.ts') },
    ],
  },
  // No @vitejs/plugin-react: vite 8 transforms TSX with Oxc, using React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // The page runs script nodes ("run to here") only in its Web Worker
      // (src/renderer/sample-run/script-worker.ts), whose own bundle carries the interpreter;
      // the main bundle never loads it (the engine imports it lazily, for hosts without a runner).
      external: [/^quickjs-emscripten/, /^@jitl\/quickjs/],
      // The engine and shared layers are pure libraries (DESIGN §1): importing a module runs
      // nothing. Saying so lets the bundle drop what the designer does not use, such as the
      // run-time script sandbox and its WASM interpreter.
      // React Flow marks its bundle "use client" (a React Server Components hint, meaningless here).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]src[\\/](engine|shared)[\\/]/.test(id),
      },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    // During `vite` development the API comes from a running `switchyard serve --port 4311`.
    proxy: { '/api': 'http://127.0.0.1:4311' },
  },
});
