import { Client } from 'pg';
import { RUN_STATUSES, type RunStatus } from '#shared';
import type { RunChange } from '#engine';
import { postgresStoreError } from './postgres-errors.js';
import type { PostgresLocation } from './postgres-location.js';

/** Connecting to listen gives up after this long (an unreachable host would otherwise hang). */
const CONNECT_TIMEOUT_MS = 15_000;

/** The channel the `runs` triggers (migration 2) announce status changes on: `STATUS RUN_ID SCHEMA`. */
export const RUN_CHANGES_CHANNEL = 'switchyard_runs';

function parseChange(payload: string, schema: string): RunChange | undefined {
  const [status, runId, ...rest] = payload.split(' ');
  if (rest.join(' ') !== schema || runId === undefined) return undefined;
  const known = RUN_STATUSES.find((s): s is RunStatus => s === status);
  return known === undefined ? undefined : { runId, status: known };
}

/**
 * LISTENs for the status changes of the runs of `schema`, on a connection of its own (a pooled
 * one would be handed to other statements). Notifications arrive once the writing transaction
 * commits, from any process. If the connection drops, the watch ends (`onLost`): watchers also
 * poll, so nothing is missed, only later.
 */
export async function watchRunChanges(
  url: string,
  location: PostgresLocation,
  schema: string,
  listener: (change: RunChange) => void,
  onLost: (err: unknown) => void,
): Promise<() => Promise<void>> {
  const client = new Client({
    connectionString: url,
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
    if (message.channel !== RUN_CHANGES_CHANNEL || message.payload === undefined) return;
    const change = parseChange(message.payload, schema);
    if (change !== undefined) listener(change);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${RUN_CHANGES_CHANNEL}`);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw postgresStoreError(err, location);
  }
  return async () => {
    closing = true;
    await client.end().catch(() => undefined);
  };
}
