import { randomUUID } from 'node:crypto';
import type { Clock, IdGen } from '#engine';

/**
 * Run ids `r_<time><random>`: the fixed-width base-36 time first, so ids sort by start time
 * (in `ls`, in SQL, by eye) and the random tail keeps parallel processes apart.
 */
export function timeSortedRunIds(clock: Pick<Clock, 'now'>): IdGen {
  return {
    runId: () => `r_${clock.now().toString(36).padStart(9, '0')}${randomUUID().replaceAll('-', '').slice(0, 8)}`,
  };
}
