import type { HistoryEvent, RunEventsMessage } from '#shared';
import type { Logger } from '#engine';

export type RunEventsListener = (message: RunEventsMessage) => void;

/** Fans the engine's onEvents out to live views (SSE clients, IPC windows). */
export interface RunEventHub {
  /** Pass as EngineOptions.onEvents (a property, so it may be passed on unbound). */
  publish: (runId: string, events: readonly HistoryEvent[]) => void;
  /** Returns the unsubscribe function. */
  subscribe: (listener: RunEventsListener) => () => void;
}

/**
 * A listener that throws must not break the engine's commit path or the other listeners,
 * so errors are logged and swallowed here.
 */
export function createRunEventHub(logger?: Logger): RunEventHub {
  const listeners = new Set<RunEventsListener>();
  return {
    publish(runId, events) {
      if (listeners.size === 0 || events.length === 0) return;
      const message: RunEventsMessage = { runId, events: [...events] };
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch (err) {
          logger?.log('warn', `a run event listener failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
    subscribe(listener) {
      // A wrapper, so the same function subscribed twice is also unsubscribed twice.
      const entry: RunEventsListener = (message) => listener(message);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
