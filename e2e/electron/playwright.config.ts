import { defineConfig } from '@playwright/test';

// Runs the Electron suite alone: `npx playwright test -c e2e/electron` (after `npm run build`).
// The project's main Playwright config can list this folder as its "electron" project instead.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
