import { createActor } from 'xstate';
import type { HistoryEvent } from '#shared';
import { ringMachine } from './b1-step-overhead.js';
import { rawRow } from './bench-host.js';
import { postgresStore, sqliteStore, storeBenchmark, type StoreSession } from './bench-stores.js';
import { fmt, interleave, type BenchOutcome } from './benchmark.js';
import { nowUs, percentile, round } from './stats.js';
import { emptyWorkflow } from './workflows.js';

const GOAL_P50_MS = 1;

/**
 * B2: latency of one empty run (start → end), from `engine.start` to its completed outcome,
 * everything persisted. Baseline: an XState actor walking the same number of events, whose rows
 * are written in one transaction. On SQLite (B2) or PostgreSQL (B2-PG).
 */
async function measureEmptyRun({ id, store, host, raw, config }: StoreSession): Promise<BenchOutcome> {
  const runsPerBlock = config.quick ? 100 : 500;
  const workflow = emptyWorkflow();
  const machine = ringMachine(2);
  const first = await host.engine.start(workflow, {});
  if (first.status !== 'completed') throw new Error(`${id} workflow ended ${first.status}`);
  const template: HistoryEvent[] = await host.store.events(first.runId);
  let rawRun = 0;

  const project = async (): Promise<number[]> => {
    const ms: number[] = [];
    for (let i = 0; i < runsPerBlock; i++) {
      const t0 = nowUs();
      const outcome = await host.engine.start(workflow, {});
      ms.push((nowUs() - t0) / 1000);
      if (outcome.status !== 'completed') throw new Error(`${id} run ended ${outcome.status}`);
    }
    return ms;
  };
  const baseline = async (): Promise<number[]> => {
    const ms: number[] = [];
    for (let i = 0; i < runsPerBlock; i++) {
      const t0 = nowUs();
      const actor = createActor(machine).start();
      for (let e = 0; e < template.length; e++) actor.send({ type: 'NEXT' });
      const runId = `raw${++rawRun}`;
      await raw.insertAll(template.map((event) => rawRow(runId, event)));
      actor.stop();
      ms.push((nowUs() - t0) / 1000);
    }
    return ms;
  };

  config.progress(`${id}: warm-up`);
  await interleave(1, project, baseline);
  config.progress(`${id}: ${config.reps} block(s) of ${runsPerBlock} runs`);
  const blocks = await interleave(config.reps, project, baseline);
  const p = blocks.flatMap((b) => b.project);
  const b = blocks.flatMap((x) => x.baseline);
  const p50 = percentile(p, 50);
  const p99 = percentile(p, 99);
  const b50 = percentile(b, 50);
  const b99 = percentile(b, 99);
  const on = store.suffix === '' ? '' : `, ${store.label}`;
  return {
    json: {
      p50_ms: round(p50),
      p99_ms: round(p99),
      goal_p50_ms: GOAL_P50_MS,
      met: p50 <= GOAL_P50_MS,
      baseline_p50_ms: round(b50),
      baseline_p99_ms: round(b99),
      ratio_p50: round(p50 / b50),
      store: store.label,
      events_per_run: template.length,
      runs: p.length,
    },
    rows: [
      {
        benchmark: `${id} empty run p50${on}`,
        project: fmt(p50, 'ms'),
        baseline: fmt(b50, 'ms'),
        value: `${round(p50 / b50)}×`,
        goal: `≤ ${GOAL_P50_MS} ms`,
        met: p50 <= GOAL_P50_MS,
      },
      {
        benchmark: `${id} empty run p99${on}`,
        project: fmt(p99, 'ms'),
        baseline: fmt(b99, 'ms'),
        value: `${round(p99 / b99)}×`,
        goal: '-',
      },
    ],
  };
}

export const b2EmptyRun = storeBenchmark('B2', 'empty-run latency', sqliteStore, measureEmptyRun);
export const b2Postgres = storeBenchmark('B2', 'empty-run latency', postgresStore, measureEmptyRun);
