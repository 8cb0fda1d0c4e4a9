import { Client } from 'pg';
import { RUN_STATUSES, type RunStatus } from '#shared';
import type { RunAppend, RunChange } from '#engine';
import { postgresStoreError } from './postgres-errors.js';
import type { PostgresLocation } from './postgres-location.js';

/** Connecting to listen gives up after this long (an unreachable host would otherwise hang). */
const CONNECT_TIMEOUT_MS = 15_000;

/** The channel the `runs` triggers (migration 2) announce status changes on: `STATUS RUN_ID SCHEMA`. */
export const RUN_CHANGES_CHANNEL = 'switchyard_runs';
/** The channel the `runs` trigger of migration 4 announces appended events on: `RUN_ID LAST_SEQ SCHEMA`. */
export const RUN_EVENTS_CHANNEL = 'switchyard_events';

function parseChange(payload: string, schema: string): RunChange | undefined {
  const [status, runId, ...rest] = payload.split(' ');
  if (rest.join(' ') !== schema || runId === undefined) return undefined;
  const known = RUN_STATUSES.find((s): s is RunStatus => s === status);
  return known === undefined ? undefined : { runId, status: known };
}

function parseAppend(payload: string, schema: string): RunAppend | undefined {
  const [runId, seq, ...rest] = payload.split(' ');
  const lastSeq = Number(seq);
  if (rest.join(' ') !== schema || runId === undefined || !Number.isInteger(lastSeq)) return undefined;
  return { runId, lastSeq };
}

/** Where to listen, and for what. */
export interface WatchTarget {
  url: string;
  location: PostgresLocation;
  schema: string;
}

/**
 * LISTENs on `channel` for the notifications of `schema`'s runs, on a connection of its own (a
 * pooled one would be handed to other statements). Notifications arrive once the writing
 * transaction commits, from any process. If the connection drops, the watch ends (`onLost`):
 * watchers also poll or fill gaps from the history, so nothing is missed, only later.
 */
async function watchChannel<T>(
  target: WatchTarget,
  channel: string,
  parse: (payload: string, schema: string) => T | undefined,
  listener: (notice: T) => void,
  onLost: (err: unknown) => void,
): Promise<() => Promise<void>> {
  const client = new Client({
    connectionString: target.url,
    application_name: 'switchyard-watch',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  let closing = false;
  let lost = false;
  const lose = (err: unknown): void => {
    if (closing || lost) return;
    lost = true;
    onLost(err);
  };
  client.on('error', lose);
  client.on('end', () => lose(new Error('the server closed the connection')));
  client.on('notification', (message) => {
    if (message.channel !== channel || message.payload === undefined) return;
    const notice = parse(message.payload, target.schema);
    if (notice !== undefined) listener(notice);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw postgresStoreError(err, target.location);
  }
  return async () => {
    closing = true;
    await client.end().catch(() => undefined);
  };
}

/** Status changes of the runs (what wakes workers and outcome waiters). */
export function watchRunChanges(
  target: WatchTarget,
  listener: (change: RunChange) => void,
  onLost: (err: unknown) => void,
): Promise<() => Promise<void>> {
  return watchChannel(target, RUN_CHANGES_CHANNEL, parseChange, listener, onLost);
}

/** Every append to a run's history (what live views follow). */
export function watchRunAppends(
  target: WatchTarget,
  listener: (append: RunAppend) => void,
  onLost: (err: unknown) => void,
): Promise<() => Promise<void>> {
  return watchChannel(target, RUN_EVENTS_CHANNEL, parseAppend, listener, onLost);
}
