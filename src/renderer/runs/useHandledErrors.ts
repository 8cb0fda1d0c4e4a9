import { handledErrors } from '#engine';
import type { HandledErrors, HistoryEvent } from '#shared';
import { useMemo } from 'react';
import { useRunView } from './run-view-context.js';

const NO_EVENTS: readonly HistoryEvent[] = [];

/** The failures the open run went on from along error ports (its "completed with handled errors"). */
export function useHandledErrors(): HandledErrors | undefined {
  const events = useRunView((s) => s.timeline?.events ?? NO_EVENTS);
  return useMemo(() => handledErrors(events), [events]);
}
