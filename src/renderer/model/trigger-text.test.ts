import type { Trigger } from '#shared';
import { describe, expect, it } from 'vitest';
import { hookUrl, triggerKinds, triggerLine } from './trigger-text.js';

const schedule: Trigger = { id: 'daily', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' };
const hook: Trigger = { id: 'github', kind: 'webhook', path: 'github/push', method: 'PUT', auth: { type: 'none' } };

describe('trigger text', () => {
  it('lists each kind once, schedule first', () => {
    expect(triggerKinds([hook, schedule, { ...schedule, id: 'other' }])).toEqual(['schedule', 'webhook']);
    expect(triggerKinds([hook])).toEqual(['webhook']);
    expect(triggerKinds([])).toEqual([]);
  });

  it('summarises a trigger in one line, falling back to the raw cron when it cannot be read', () => {
    expect(triggerLine(schedule)).toBe('daily: At 09:00, Monday through Friday (Europe/Berlin)');
    expect(triggerLine({ ...schedule, cron: 'nope' })).toBe('daily: nope (Europe/Berlin)');
    expect(triggerLine(hook)).toBe('github: PUT /hooks/github/push');
    expect(triggerLine({ ...hook, method: undefined })).toBe('github: POST /hooks/github/push');
  });

  it('builds the URL a webhook is served at', () => {
    expect(hookUrl('http://127.0.0.1:4310/', 'orders/new')).toBe('http://127.0.0.1:4310/hooks/orders/new');
  });
});
