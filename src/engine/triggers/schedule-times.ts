import { Cron } from 'croner';
import type { ScheduleTrigger } from '#shared';

/** The part of a schedule trigger that decides its fire times. */
export type ScheduleSpec = Pick<ScheduleTrigger, 'cron' | 'timezone'>;

/** Whether `timezone` is an IANA zone this runtime knows (its Intl data decides, as croner's does). */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The cron expression's fire times in its zone (croner: 5 fields, or 6 with seconds first). A
 * wall-clock time that a DST change skips fires once, at the first time after the gap; one that
 * occurs twice fires once, at its first occurrence. Throws croner's message on a bad expression.
 */
export function scheduleOf(spec: ScheduleSpec): Cron {
  return new Cron(spec.cron, { timezone: spec.timezone, mode: '5-or-6-parts' });
}

/** Why `spec` cannot schedule anything, field by field (empty when it can). */
export function scheduleProblems(spec: ScheduleSpec): { field: 'cron' | 'timezone'; message: string }[] {
  if (!isKnownTimeZone(spec.timezone))
    return [
      {
        field: 'timezone',
        message: `unknown time zone "${spec.timezone}"; expected an IANA name such as Europe/Berlin`,
      },
    ];
  try {
    scheduleOf(spec);
    return [];
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^CronPattern: /, '') : String(err);
    return [{ field: 'cron', message: `invalid cron expression "${spec.cron}": ${message}` }];
  }
}

/** The first fire time strictly after `afterMs` (ms since the epoch), or undefined when there is none. */
export function nextFireTime(spec: ScheduleSpec, afterMs: number): number | undefined {
  return scheduleOf(spec).nextRun(new Date(afterMs))?.getTime();
}

/** Up to `count` fire times strictly after `afterMs`, in order. */
export function nextFireTimes(spec: ScheduleSpec, afterMs: number, count: number): number[] {
  return scheduleOf(spec)
    .nextRuns(count, new Date(afterMs))
    .map((date) => date.getTime());
}
