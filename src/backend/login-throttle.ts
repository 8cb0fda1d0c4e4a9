export interface LoginThrottleOptions {
  now?: () => number;
  /** Failures allowed before waiting starts (default 3). */
  freeFailures?: number;
  /** The first wait; it doubles with each further failure (default 1 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Per-name backoff of failed sign-ins: after a few failures, each further attempt for that
 * name must wait twice as long as the last (up to a minute). A success clears the name.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly now: () => number;
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.freeFailures = options.freeFailures ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
  }

  /** How long `name` must wait before its next attempt (0: it may try now). */
  waitMs(name: string): number {
    const entry = this.failures.get(name);
    return entry === undefined ? 0 : Math.max(0, entry.until - this.now());
  }

  failed(name: string): void {
    const count = (this.failures.get(name)?.count ?? 0) + 1;
    const over = count - this.freeFailures;
    const delay = over <= 0 ? 0 : Math.min(this.baseDelayMs * 2 ** (over - 1), this.maxDelayMs);
    this.failures.delete(name);
    this.failures.set(name, { count, until: this.now() + delay });
    // Random names must not grow the map without bound: forget the oldest.
    if (this.failures.size > 10_000) {
      const oldest = this.failures.keys().next();
      if (oldest.done !== true) this.failures.delete(oldest.value);
    }
  }

  succeeded(name: string): void {
    this.failures.delete(name);
  }
}
