import type { Clock } from '#engine';

// setTimeout fires at once for delays above 2^31-1 ms; longer sleeps are taken in slices.
const MAX_TIMER_MS = 2_147_483_647;

function sleepSlice(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Wall-clock time; `sleep` resolves early (and frees its timer) when the signal aborts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    let left = ms;
    do {
      const slice = Math.min(left, MAX_TIMER_MS);
      await sleepSlice(slice, signal);
      left -= slice;
    } while (left > 0 && !signal?.aborted);
  },
};
