import { skipped, type Benchmark } from './benchmark.js';

/**
 * Browser benchmarks. They need the web UI; until it exists they keep their keys in
 * results.json as skipped. To add one: implement `Benchmark` (run it with Playwright against
 * the built renderer) and replace its `skipped(...)` entry here.
 */
const NEEDS_UI = 'needs the web UI (added later)';

export const b7Canvas: Benchmark = skipped('B7', 'canvas (browser)', NEEDS_UI);
export const b8TimeTravelUi: Benchmark = skipped('B8', 'time travel UI (browser)', NEEDS_UI);
