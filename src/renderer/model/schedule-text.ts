import { nextFireTimes, scheduleProblems, type ScheduleSpec } from '#engine';
import cronstrue from 'cronstrue';

/** How many upcoming fire times the inspector lists. */
export const UPCOMING_FIRES = 5;

/**
 * The schedule in words, with its zone: `At 09:00, Monday through Friday (Europe/Berlin)`;
 * undefined when the cron expression or the zone is invalid (the validator says why).
 */
export function scheduleReading(spec: ScheduleSpec): string | undefined {
  if (scheduleProblems(spec).length > 0) return undefined;
  try {
    return `${cronstrue.toString(spec.cron, { use24HourTimeFormat: true })} (${spec.timezone})`;
  } catch {
    // croner accepts a few forms cronstrue cannot word (e.g. `L` weekdays): show no reading then.
    return undefined;
  }
}

/**
 * The next fire times after `nowMs`, as the wall clock of the schedule's zone:
 * `Mon, 2 Mar 2026, 09:00 CET` (with seconds when the expression has a seconds field).
 */
export function upcomingFireTimes(spec: ScheduleSpec, nowMs: number, count = UPCOMING_FIRES): string[] {
  if (scheduleProblems(spec).length > 0) return [];
  const withSeconds = spec.cron.trim().split(/\s+/).length === 6;
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: spec.timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return nextFireTimes(spec, nowMs, count).map((ms) => format.format(ms));
}

/** IANA zones for the time-zone picker: the runtime's list, plus UTC, which some runtimes leave out. */
export function timeZoneNames(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
