import { z } from 'zod';
import { HISTORY_EVENT_TYPES } from '#shared';
import type { HistoryEvent, HistoryEventType } from '#shared';
import { encodeJson, isRecord } from '../engine/store/json-columns.js';
import { malformedIn } from '../engine/store/run-store-rules.js';

/**
 * Most events one stored row holds; a longer append is split into several rows. Reads rely on
 * it (the row holding seq N starts after N - BATCH_CAP), so it may grow but never shrink.
 */
export const BATCH_CAP = 256;

/**
 * One event inside a row: `[at, type, node, data]`. Its seq is not stored: it is the row's
 * first_seq plus the event's index, the row's count being checked against last_seq on read.
 */
type EventTuple = [at: string, type: HistoryEventType, node: string | null, data: Record<string, unknown> | null];

/** A row of event_batches as written: `events` is the JSON array of the batch's tuples. */
export interface EventBatchRow {
  firstSeq: number;
  lastSeq: number;
  events: string;
}

const EventBatchRow = z.object({ firstSeq: z.int(), lastSeq: z.int(), events: z.string() });
const EventTuple = z.tuple([
  z.string(),
  z.enum(HISTORY_EVENT_TYPES),
  z.string().nullable(),
  z.record(z.string(), z.unknown()).nullable(),
]);
const EventTuples = z.array(EventTuple).min(1).max(BATCH_CAP);
const EVENT_TYPES: ReadonlySet<string> = new Set(HISTORY_EVENT_TYPES);

/**
 * The rows that store `events`, whose seqs run from `firstSeq` on without gaps (the caller
 * checks that): one row per BATCH_CAP events.
 */
export function encodeBatches(runId: string, firstSeq: number, events: readonly HistoryEvent[]): EventBatchRow[] {
  const rows: EventBatchRow[] = [];
  for (let start = 0; start < events.length; start += BATCH_CAP) {
    const batch = events.slice(start, start + BATCH_CAP);
    const first = firstSeq + start;
    rows.push({ firstSeq: first, lastSeq: first + batch.length - 1, events: encodeTuples(runId, first, batch) });
  }
  return rows;
}

function encodeTuples(runId: string, firstSeq: number, batch: readonly HistoryEvent[]): string {
  try {
    return JSON.stringify(
      batch.map((event): EventTuple => [event.at, event.type, event.node ?? null, event.data ?? null]),
    );
  } catch (err) {
    // Only data can fail (a BigInt, a cycle …): name the event it belongs to.
    batch.forEach((event, index) => encodeJson(event.data, `event ${firstSeq + index} of run "${runId}"`));
    throw err;
  }
}

/** Where a row was read from, for the message of a malformed one. */
export interface BatchSource {
  store: string;
  runId: string;
}

/**
 * Decodes a row read back from event_batches and pushes its events with from <= seq <= to
 * onto `out`. A malformed row fails with STORE_FAILED naming the store, the run and the fault.
 */
export function decodeBatch(row: unknown, from: number, to: number, out: HistoryEvent[], source: BatchSource): void {
  const run = `of run "${source.runId}"`;
  const columns = isEventBatchRow(row) ? row : parsed(EventBatchRow, row, `event batch ${run}`, source.store);
  const { firstSeq, lastSeq } = columns;
  const what = `event batch (seq ${firstSeq} to ${lastSeq}) ${run}`;
  let events: unknown;
  try {
    events = JSON.parse(columns.events);
  } catch (err) {
    throw malformedIn(
      source.store,
      what,
      `its events are not JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const tuples = isEventTuples(events) ? events : parsed(EventTuples, events, what, source.store);
  if (tuples.length !== lastSeq - firstSeq + 1) {
    throw malformedIn(source.store, what, `it holds ${tuples.length} event(s) instead of ${lastSeq - firstSeq + 1}`);
  }
  const start = Math.max(from - firstSeq, 0);
  let seq = firstSeq + start;
  for (const [at, type, node, data] of tuples.slice(start, Math.max(to - firstSeq + 1, 0))) {
    const event: HistoryEvent = { seq: seq++, at, type };
    if (node !== null) event.node = node;
    if (data !== null) event.data = data;
    out.push(event);
  }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string, store: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw malformedIn(store, what, z.prettifyError(result.error));
}

// The checks the schemas above make, written out: a replay reads rows by the ten thousand, and
// well-formed ones need no zod pass. Anything else still goes through zod for its message.

function isEventBatchRow(row: unknown): row is EventBatchRow {
  return (
    typeof row === 'object' &&
    row !== null &&
    'firstSeq' in row &&
    'lastSeq' in row &&
    'events' in row &&
    Number.isSafeInteger(row.firstSeq) &&
    Number.isSafeInteger(row.lastSeq) &&
    typeof row.events === 'string'
  );
}

function isEventTuples(value: unknown): value is EventTuple[] {
  return Array.isArray(value) && value.length >= 1 && value.length <= BATCH_CAP && value.every(isEventTuple);
}

function isEventTuple(value: unknown): value is EventTuple {
  if (!Array.isArray(value) || value.length !== 4) return false;
  const tuple: readonly unknown[] = value;
  const [at, type, node, data] = tuple;
  return (
    typeof at === 'string' &&
    typeof type === 'string' &&
    EVENT_TYPES.has(type) &&
    (node === null || typeof node === 'string') &&
    (data === null || isRecord(data))
  );
}
