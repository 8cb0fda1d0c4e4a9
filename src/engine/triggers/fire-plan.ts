import { DEFAULT_MAX_CATCH_UP, type ScheduleTrigger } from '#shared';
import type { ScheduleState } from '../store/trigger-store.js';
import { nextFireTime, scheduleOf, type ScheduleSpec } from './schedule-times.js';

/**
 * A fire this long past (or less) when a scheduler looks is on time; an older one was missed
 * while no scheduler ran, and `catchUp` decides whether it still starts.
 */
export const ON_TIME_MS = 60_000;
/** How far back a scheduler looks for missed fires at most (the largest maxCatchUp, and on-time ones). */
const LOOK_BACK_FIRES = 1000;

/** What one look at a schedule decides: the fires to start now, in order, and the state after them. */
export interface FirePlan {
  /** Fire times (ms since the epoch), oldest first. */
  fires: number[];
  /** A queued fire: it starts even though it may be older than ON_TIME_MS (it waited for a run to end). */
  queued: boolean;
  /** The stored next fire time after these fires (null: none left). */
  next: number | null;
}

/** Identifies the fire times of a schedule: a changed cron or zone starts its state afresh. */
export function scheduleSignature(spec: ScheduleSpec): string {
  return `${spec.cron}|${spec.timezone}`;
}

/**
 * The fires due at `now` for a schedule whose stored state is `state`: none for a new (or
 * changed) schedule, which starts counting from now; the on-time ones and the missed ones the
 * catch-up policy keeps (none, the latest, or the latest `maxCatchUp`) otherwise; the queued
 * fire alone when one waits.
 *
 * @example
 * planFires(trigger, { signature, nextFireAt: '2026-03-30T07:00:00.000Z', pending: false, version: 3 }, now)
 */
export function planFires(trigger: ScheduleTrigger, state: ScheduleState | undefined, now: number): FirePlan {
  const next = (after: number): number | null => nextFireTime(trigger, after) ?? null;
  if (state === undefined || state.signature !== scheduleSignature(trigger))
    return { fires: [], queued: false, next: next(now - 1) };
  if (state.nextFireAt === null) return { fires: [], queued: false, next: null };
  const stored = Date.parse(state.nextFireAt);
  if (stored > now) return { fires: [], queued: false, next: stored };
  if (state.pending) return { fires: [stored], queued: true, next: next(now) };
  // From the stored next fire time (due) up to now included, oldest first; at most LOOK_BACK_FIRES.
  const due = scheduleOf(trigger)
    .previousRuns(LOOK_BACK_FIRES, new Date(now + 1))
    .map((date) => date.getTime())
    .filter((time) => time >= stored)
    .reverse();
  const onTime = due.filter((time) => now - time <= ON_TIME_MS);
  const missed = due.filter((time) => now - time > ON_TIME_MS);
  const keep =
    trigger.catchUp === 'all' ? (trigger.maxCatchUp ?? DEFAULT_MAX_CATCH_UP) : trigger.catchUp === 'last' ? 1 : 0;
  return { fires: [...missed.slice(Math.max(0, missed.length - keep)), ...onTime], queued: false, next: next(now) };
}
