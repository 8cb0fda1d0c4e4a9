import type { RetryPolicy } from '#shared';

export const RETRY_DEFAULTS = { maxAttempts: 1, delayMs: 1000, backoff: 2, maxDelayMs: 60_000 } as const;

/** Delay before attempt `nextAttempt` (2, 3, …): `min(delayMs * backoff^(n-1), maxDelayMs)` with n the failed attempt. */
export function retryDelayMs(policy: RetryPolicy | undefined, failedAttempt: number): number {
  const { delayMs, backoff, maxDelayMs } = { ...RETRY_DEFAULTS, ...policy };
  return Math.min(delayMs * backoff ** (failedAttempt - 1), maxDelayMs);
}

export function maxAttempts(policy: RetryPolicy | undefined): number {
  return policy?.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
}
