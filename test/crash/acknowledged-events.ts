import { isDeepStrictEqual } from 'node:util';
import type { HistoryEvent, RunEventsMessage } from '#shared';

/**
 * The events servers acknowledged (sent on their live stream, which they do only after the
 * commit), gathered over several server processes: each must be in the run's final history,
 * unchanged. Two different events acknowledged at one seq mean two processes drove the run.
 */
export class AcknowledgedEvents {
  private readonly byRun = new Map<string, Map<number, HistoryEvent>>();
  private readonly conflicts: string[] = [];

  add(messages: readonly RunEventsMessage[]): void {
    for (const { runId, events } of messages) {
      const seen = this.byRun.get(runId) ?? new Map<number, HistoryEvent>();
      this.byRun.set(runId, seen);
      for (const event of events) {
        const earlier = seen.get(event.seq);
        if (earlier !== undefined && !isDeepStrictEqual(earlier, event))
          this.conflicts.push(
            `run ${runId}: seq ${event.seq} acknowledged as ${describe(earlier)} and as ${describe(event)}`,
          );
        seen.set(event.seq, event);
      }
    }
  }

  /** How many events were acknowledged, over all runs. */
  get size(): number {
    let size = 0;
    for (const seen of this.byRun.values()) size += seen.size;
    return size;
  }

  runIds(): string[] {
    return [...this.byRun.keys()];
  }

  /** Acknowledged events of `runId` that `history` (its final history) lacks or has changed. */
  problems(runId: string, history: readonly HistoryEvent[]): string[] {
    const problems = this.conflicts.filter((c) => c.startsWith(`run ${runId}:`));
    for (const [seq, event] of this.byRun.get(runId) ?? []) {
      const final = history[seq - 1];
      if (final === undefined) problems.push(`run ${runId}: acknowledged ${describe(event)} is lost`);
      else if (!isDeepStrictEqual(final, event))
        problems.push(`run ${runId}: acknowledged ${describe(event)} became ${describe(final)}`);
    }
    return problems;
  }
}

function describe(event: HistoryEvent): string {
  return `#${event.seq} ${event.type}${event.node === undefined ? '' : ` ${event.node}`} at ${event.at}`;
}
