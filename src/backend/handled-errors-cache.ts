import { handledErrors, type RunStore } from '#engine';
import type { HandledErrors, RunListItem, RunRecord } from '#shared';

/** Enough for many pages of the runs list; the oldest entries go first beyond it. */
const CAPACITY = 10_000;

/**
 * Adds to each completed run the failures it handled, read from its history once per run: a
 * completed run's history never changes, so the answer is kept (a bounded number of them).
 */
export function handledErrorsOfRuns(store: RunStore): (runs: readonly RunRecord[]) => Promise<RunListItem[]> {
  const known = new Map<string, HandledErrors | null>();
  const lookup = async (runId: string): Promise<HandledErrors | undefined> => {
    let found = known.get(runId);
    if (found === undefined) {
      found = handledErrors(await store.events(runId)) ?? null;
      if (known.size >= CAPACITY) known.delete(known.keys().next().value ?? runId);
      known.set(runId, found);
    }
    return found ?? undefined;
  };
  return async (runs) => {
    const items: RunListItem[] = [];
    for (const run of runs) {
      const handled = run.status === 'completed' ? await lookup(run.id) : undefined;
      items.push(handled === undefined ? run : { ...run, handledErrors: handled });
    }
    return items;
  };
}
