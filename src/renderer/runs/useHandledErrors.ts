import { handledErrors } from '#engine';
import type { HandledErrors, HistoryEvent } from '#shared';
import { useRunView } from './run-view-context.js';

const NO_EVENTS: readonly HistoryEvent[] = [];
/** Per events list, so that the header and the state panel read one history scan between them. */
const computed = new WeakMap<readonly HistoryEvent[], HandledErrors | null>();

function handledErrorsOf(events: readonly HistoryEvent[]): HandledErrors | undefined {
  let found = computed.get(events);
  if (found === undefined) {
    found = handledErrors(events) ?? null;
    computed.set(events, found);
  }
  return found ?? undefined;
}

/** The failures the open run went on from along error ports (its "completed with handled errors"). */
export function useHandledErrors(): HandledErrors | undefined {
  return handledErrorsOf(useRunView((s) => s.timeline?.events ?? NO_EVENTS));
}
