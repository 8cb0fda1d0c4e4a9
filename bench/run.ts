import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { b1Postgres, b1StepOverhead } from './b1-step-overhead.js';
import { b2EmptyRun, b2Postgres } from './b2-empty-run.js';
import { b3GroupCommit } from './b3-group-commit.js';
import { b4Routing } from './b4-routing.js';
import { b5TimeTravel } from './b5-time-travel.js';
import { b6Compile } from './b6-compile.js';
import { b7Canvas } from './b7-canvas.js';
import { b8FirstPaint } from './b8-first-paint.js';
import { b9ScaleOut } from './b9-scale-out.js';
import { b10Failover } from './b10-failover.js';
import { b11Scripts } from './b11-scripts.js';
import { removeTempFiles } from './bench-host.js';
import { stopBenchPostgres } from './bench-postgres.js';
import type { BenchConfig, Benchmark, TableRow } from './benchmark.js';
import { runExitTasks, runExitTasksOnSignals } from './exit-tasks.js';
import { formatTable, readResults, writeResults } from './report.js';

const BENCHMARKS: readonly Benchmark[] = [
  b1StepOverhead,
  b2EmptyRun,
  b3GroupCommit,
  b4Routing,
  b5TimeTravel,
  b6Compile,
  b7Canvas,
  b8FirstPaint,
  b1Postgres,
  b2Postgres,
  b9ScaleOut,
  b10Failover,
  b11Scripts,
];

const DEFAULT_LEASE_MS = 2000;

const USAGE = `usage: npm run bench -- [--quick] [--reps N] [--only B1,B3] [--lease-ms MS] [--out FILE]
  --quick   small sizes and one repetition (under a minute; CI runs this)
  --reps N  measured repetitions per benchmark (default 7, quick 1)
  --lease-ms MS  the lease of B10's workers (default ${DEFAULT_LEASE_MS}; workers default to 10000)
  --only    run only these benchmarks (their keys in the results file are replaced, the others kept)
  --out     where to write the results (default bench/results.json; quick: bench/results.quick.json)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      reps: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'lease-ms': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const reps = values.reps === undefined ? (values.quick ? 1 : 7) : Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) {
    console.error(`--reps must be a whole number >= 1, got ${values.reps}\n${USAGE}`);
    return 2;
  }
  const leaseMs = values['lease-ms'] === undefined ? DEFAULT_LEASE_MS : Number(values['lease-ms']);
  // The worker refuses leases under a second.
  if (!Number.isInteger(leaseMs) || leaseMs < 1000) {
    console.error(`--lease-ms must be a whole number >= 1000, got ${values['lease-ms']}\n${USAGE}`);
    return 2;
  }
  const only = values.only?.split(',').map((s) => s.trim().toUpperCase());
  const unknown = only?.filter((id) => !BENCHMARKS.some((b) => b.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const config: BenchConfig = {
    quick: values.quick,
    reps,
    leaseMs,
    progress: (m) => process.stderr.write(`  ${m}\n`),
  };
  const mode = values.quick ? 'quick' : 'full';
  runExitTasksOnSignals();
  const started = Date.now();
  const results: Record<string, unknown> = {};
  const rows: TableRow[] = [];
  let failed = false;
  for (const bench of BENCHMARKS) {
    if (only && !only.includes(bench.id)) continue;
    process.stderr.write(`${bench.id} ${bench.title}\n`);
    try {
      const outcome = await bench.run(config);
      results[bench.id] = 'skipped' in outcome.json ? outcome.json : { ...outcome.json, mode };
      rows.push(...outcome.rows);
    } catch (err) {
      failed = true;
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`${bench.id} failed: ${message}\n`);
      results[bench.id] = { error: err instanceof Error ? err.message : String(err) };
      rows.push({ benchmark: `${bench.id} ${bench.title}`, project: '-', baseline: '-', value: 'ERROR', goal: '-' });
    } finally {
      removeTempFiles();
    }
  }
  stopBenchPostgres();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Switchyard benchmarks (${mode}, ${reps} rep(s), node ${process.version}, ${seconds} s)\n`);
  console.log(formatTable(rows));
  const out = resolve(values.out ?? (values.quick ? 'bench/results.quick.json' : 'bench/results.json'));
  await writeResults(out, only ? { ...readResults(out), ...results } : results);
  console.log(`\nresults: ${out}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    removeTempFiles();
    runExitTasks();
    process.exitCode = 1;
  },
);
