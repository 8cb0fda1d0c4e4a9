import type { Workflow } from '#shared';
import { PostgresRunStore } from '#storage';
import { engineOn } from './bench-host.js';
import { forEachInParallel } from './in-parallel.js';

/** Runs recorded at once: the store's pool holds this many connections. */
const PARALLEL = 16;

export interface RecordedRuns {
  runIds: string[];
  /** The seq of the last event recording wrote (the same for every run): workers write after it. */
  recordedSeq: number;
}

/**
 * Records `count` runs of `workflow` on the PostgreSQL store at `url` without driving them
 * (`engine.start(…, { detach: true })`, what `switchyard run --detach` does): their `run.started` is
 * committed, no lease is held, and a worker's `claimDue` finds them. Inputs are `{ n: i }`.
 */
export async function recordRuns(url: string, workflow: Workflow, count: number): Promise<RecordedRuns> {
  const store = await PostgresRunStore.open(url, { poolSize: PARALLEL });
  try {
    const engine = engineOn(store, {}, 'run-');
    const runIds: string[] = [];
    await forEachInParallel(
      Array.from({ length: count }, (_, i) => i),
      PARALLEL,
      async (n) => {
        const outcome = await engine.start(workflow, { n }, { detach: true });
        if (outcome.status !== 'running') throw new Error(`a detached run came back ${outcome.status}`);
        runIds.push(outcome.runId);
      },
    );
    const first = runIds[0];
    const recordedSeq = first === undefined ? 0 : ((await store.lastSeq(first)) ?? 0);
    return { runIds: runIds.sort(), recordedSeq };
  } finally {
    await store.close();
  }
}
