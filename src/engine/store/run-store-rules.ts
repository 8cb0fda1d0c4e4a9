import { SwitchyardError } from '#shared';
import type { HistoryEvent } from '#shared';
import type { AppendOptions, CreateRunOptions } from '../ports.js';

/**
 * Refuses events that would not continue a history ending at `lastSeq` as 1, 2, 3 … with no gaps:
 * CONFLICT when the first one is not the next seq (another writer got there first), STORE_FAILED
 * for a batch that is itself not numbered without gaps.
 */
export function assertContinues(runId: string, lastSeq: number, events: readonly HistoryEvent[]): void {
  events.forEach((event, index) => {
    const expected = lastSeq + 1 + index;
    if (event.seq !== expected) {
      throw new SwitchyardError(
        index === 0 ? 'CONFLICT' : 'STORE_FAILED',
        `history of run "${runId}" would have a gap: expected seq ${expected}, got ${event.seq}`,
      );
    }
  });
}

export function runConflict(runId: string): SwitchyardError {
  return new SwitchyardError('CONFLICT', `run "${runId}" already exists`);
}

/** A second run for one (workflow, trigger, key): a schedule's fire time or a webhook's Idempotency-Key. */
export function triggerConflict(row: {
  workflowId: string;
  triggerId: string | null;
  triggerKey: string | null;
}): SwitchyardError {
  return new SwitchyardError(
    'CONFLICT',
    `trigger ${row.triggerId ?? ''} of workflow ${row.workflowId} already started a run for ${row.triggerKey ?? ''}`,
  );
}

export function runNotFound(runId: string, where?: string): SwitchyardError {
  const suffix = where === undefined ? '' : ` in ${where}`;
  return new SwitchyardError('RUN_NOT_FOUND', `run "${runId}" does not exist${suffix}`);
}

/** A value read back from a store that is not what the store writes. */
export function malformedIn(store: string, what: string, detail: string): SwitchyardError {
  return new SwitchyardError('STORE_FAILED', `run store ${store} holds a malformed ${what}: ${detail}`);
}

export function assertLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new SwitchyardError('BAD_USAGE', `listRuns limit must be a whole number >= 0, got ${limit}`);
  }
}

/** Whole-number seq bounds, inclusive; both stores read the same events for the same arguments. */
export function seqBounds(fromSeq?: number, toSeq?: number): { from: number; to: number } {
  return {
    from: Math.max(1, Math.ceil(fromSeq ?? 1)),
    to: Math.min(Number.MAX_SAFE_INTEGER, Math.floor(toSeq ?? Number.MAX_SAFE_INTEGER)),
  };
}

/** An append by `owner` while `holder` holds the run's lease. */
export function leaseConflict(runId: string, owner: string, holder: string): SwitchyardError {
  return new SwitchyardError(
    'CONFLICT',
    `run "${runId}" is leased to ${holder}; ${owner} may not append to it (its lease was lost)`,
  );
}

/**
 * Refuses the append of `owner` when it no longer drives the run (CONFLICT; nothing is recorded):
 * another owner holds the lease (`holder`, live or expired), or nobody does and the history moved on past the
 * events' first seq — another owner took the run over and has ended its lease since.
 */
export function assertOwnerMayAppend(
  runId: string,
  owner: string | undefined,
  holder: string | null | undefined,
  lastSeq: number,
  events: readonly HistoryEvent[],
): void {
  if (owner === undefined) return;
  const held = holder ?? undefined;
  if (held !== undefined && held !== owner) throw leaseConflict(runId, owner, held);
  const first = events[0]?.seq;
  if (held === undefined && first !== undefined && first <= lastSeq) {
    throw new SwitchyardError(
      'CONFLICT',
      `run "${runId}" moved on to seq ${lastSeq} without ${owner} (its lease was lost); its events from seq ${first} are not recorded`,
    );
  }
}

/** A createRun by `owner` of an id on which `holder` holds a live lease. */
export function createLeaseConflict(runId: string, owner: string, holder: string): SwitchyardError {
  return new SwitchyardError('CONFLICT', `run "${runId}" is leased to ${holder}; ${owner} may not create it`);
}

/** The lease a run is created with (createRun with an owner). */
export interface InitialLease {
  owner: string;
  leaseMs: number;
}

/** The lease a new run starts with, its time checked; undefined without an owner. */
export function initialLease(options: CreateRunOptions = {}): InitialLease | undefined {
  const { owner, leaseMs } = options;
  if (owner === undefined) return undefined;
  if (leaseMs === undefined)
    throw new SwitchyardError('BAD_USAGE', `createRun with owner ${owner} needs leaseMs, how long its lease lasts`);
  assertLeaseMs(leaseMs);
  return { owner, leaseMs };
}

/** The owner whose lease an append ends (`release`), or undefined; `release` needs the owner. */
export function releasedOwner(options: AppendOptions = {}): string | undefined {
  if (options.release !== true) return undefined;
  if (options.owner === undefined)
    throw new SwitchyardError(
      'BAD_USAGE',
      'an append can only release the lease of its owner: give owner with release',
    );
  return options.owner;
}

/** Lease times are whole milliseconds; a lease of 0 ms or less is refused. */
export function assertLeaseMs(leaseMs: number): void {
  if (!(Number.isFinite(leaseMs) && leaseMs > 0)) {
    throw new SwitchyardError('BAD_USAGE', `a lease must last more than 0 ms, got ${leaseMs}`);
  }
}
