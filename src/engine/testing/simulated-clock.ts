import type { Clock } from '../ports.js';

interface Timer {
  due: number;
  resolve: () => void;
  background: boolean;
}

/**
 * A clock that moves only when told (`advance`), or — with `autoAdvance` — jumps to the
 * next timer once nothing else is pending. Deterministic timers for tests and simulation.
 */
export class SimulatedClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private readonly autoAdvance: boolean;
  private readonly idle: (callback: () => void) => void;

  /**
   * `idle` is how an auto-advancing clock waits until nothing else is pending before it jumps:
   * by default a zero-delay timeout, which hosts clamp to 1 ms of real time per jump; a Node
   * test that jumps thousands of times may pass `setImmediate`.
   */
  constructor(options: { start?: number | string; autoAdvance?: boolean; idle?: (callback: () => void) => void } = {}) {
    const start = options.start ?? '2026-01-01T00:00:00.000Z';
    this.time = typeof start === 'string' ? Date.parse(start) : start;
    this.autoAdvance = options.autoAdvance ?? false;
    this.idle = options.idle ?? ((callback) => setTimeout(callback, 0));
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal, options?: { background?: boolean }): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const background = options?.background ?? false;
      const timer: Timer = { due: this.time + Math.max(0, ms), resolve, background };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
      // A macrotask runs after every pending promise job, so only a truly idle engine jumps ahead.
      if (this.autoAdvance && !background) this.idle(() => this.jumpToNext());
    });
  }

  /** Moves time forward by `ms`, firing every timer that falls due. */
  advance(ms: number): void {
    this.time += ms;
    this.fireDue();
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  private jumpToNext(): void {
    // Background timers (lease renewals) fire when time passes them, but never pull it forward.
    const next = this.timers.reduce<number | undefined>(
      (min, t) => (t.background || (min !== undefined && t.due >= min) ? min : t.due),
      undefined,
    );
    if (next === undefined) return;
    this.time = Math.max(this.time, next);
    this.fireDue();
  }

  private fireDue(): void {
    const due = this.timers.filter((t) => t.due <= this.time);
    this.timers = this.timers.filter((t) => t.due > this.time);
    for (const t of due) t.resolve();
  }
}
