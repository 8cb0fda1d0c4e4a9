import { describe, expect, it } from 'vitest';
import { scheduleReading, timeZoneNames, upcomingFireTimes } from './schedule-text.js';

const weekdays = { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' };
// Friday 2026-02-27 12:00 UTC.
const NOW = Date.parse('2026-02-27T12:00:00Z');

describe('scheduleReading', () => {
  it('words the expression and names the zone', () => {
    expect(scheduleReading(weekdays)).toBe('At 09:00, Monday through Friday (Europe/Berlin)');
    expect(scheduleReading({ cron: '*/30 * * * * *', timezone: 'UTC' })).toBe('Every 30 seconds (UTC)');
  });

  it('has no reading for an invalid expression or zone', () => {
    expect(scheduleReading({ cron: '61 * * * *', timezone: 'UTC' })).toBeUndefined();
    expect(scheduleReading({ cron: '0 9 * * *', timezone: 'Europe/Berlinn' })).toBeUndefined();
  });
});

describe('upcomingFireTimes', () => {
  it('lists the next five fires on the zone’s wall clock, across a weekend', () => {
    expect(upcomingFireTimes(weekdays, NOW)).toEqual([
      'Mon, 2 Mar 2026, 09:00 CET',
      'Tue, 3 Mar 2026, 09:00 CET',
      'Wed, 4 Mar 2026, 09:00 CET',
      'Thu, 5 Mar 2026, 09:00 CET',
      'Fri, 6 Mar 2026, 09:00 CET',
    ]);
  });

  it('shows seconds for a six-field expression and follows the zone’s DST', () => {
    expect(upcomingFireTimes({ cron: '30 0 3 29 3 *', timezone: 'Europe/Berlin' }, NOW, 1)).toEqual([
      'Sun, 29 Mar 2026, 03:00:30 CEST',
    ]);
  });

  it('is empty when the schedule is invalid', () => {
    expect(upcomingFireTimes({ cron: 'every day', timezone: 'UTC' }, NOW)).toEqual([]);
  });
});

describe('timeZoneNames', () => {
  it('offers UTC and the IANA zones', () => {
    const zones = timeZoneNames();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
