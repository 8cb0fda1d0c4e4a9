import type { ActiveNode, RunFold } from '../history/run-fold.js';

/**
 * Earliest pending timer of the run's active nodes, as ms since the epoch: a delay's or a
 * retry's due time, an approval's or a wait's timeout. Undefined when none is pending.
 * `skip`: nodes whose timer is someone else's business now (a retry attempt already running).
 */
export function earliestTimer(fold: RunFold, skip?: (entry: ActiveNode) => boolean): number | undefined {
  let next: number | undefined;
  for (const entry of fold.active) {
    if (skip?.(entry) === true) continue;
    const due =
      entry.kind === 'delay' || entry.phase === 'retry-wait'
        ? entry.dueAt
        : entry.kind === 'approval' || entry.kind === 'wait'
          ? entry.timeoutAt
          : undefined;
    const time = due === undefined ? NaN : Date.parse(due);
    if (!Number.isNaN(time)) next = next === undefined ? time : Math.min(next, time);
  }
  return next;
}

/** The wake time a waiting run is stored with (ISO), or null when no timer will move it on. */
export function wakeAtOf(fold: RunFold): string | null {
  const next = earliestTimer(fold);
  return next === undefined ? null : new Date(next).toISOString();
}
