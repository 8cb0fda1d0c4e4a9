import { z } from 'zod';
import { HISTORY_EVENT_TYPES, SwitchyardError } from '#shared';
import type { HistoryEvent } from '#shared';
import { decodeJson, encodeJson, isRecord } from './json-columns.js';

export const EventRow = z.object({
  seq: z.int(),
  at: z.string(),
  type: z.enum(HISTORY_EVENT_TYPES),
  node: z.string().nullable(),
  data: z.string().nullable(),
});
export type EventRow = z.infer<typeof EventRow>;

export function toEventRow(runId: string, event: HistoryEvent): EventRow {
  return {
    seq: event.seq,
    at: event.at,
    type: event.type,
    node: event.node ?? null,
    data: event.data === undefined ? null : encodeJson(event.data, `event ${event.seq} of run "${runId}"`),
  };
}

export function toHistoryEvent(runId: string, row: EventRow): HistoryEvent {
  const event: HistoryEvent = { seq: row.seq, at: row.at, type: row.type };
  if (row.node !== null) event.node = row.node;
  if (row.data !== null) {
    const what = `event ${row.seq} of run "${runId}"`;
    const data = decodeJson(row.data, what);
    if (!isRecord(data)) throw new SwitchyardError('STORE_FAILED', `${what} has data that is not an object`);
    event.data = data;
  }
  return event;
}
