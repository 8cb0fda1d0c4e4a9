import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { addTrigger, removeTrigger, replaceTrigger, withAuthType } from './trigger-ops.js';

describe('trigger ops', () => {
  it('adds schedules and webhooks with free ids and a webhook path under the workflow id', () => {
    const first = addTrigger(orderApproval(), 'schedule', 'Europe/Berlin');
    const second = addTrigger(first.doc, 'webhook', 'UTC');
    const third = addTrigger(second.doc, 'schedule', 'UTC');
    expect(third.index).toBe(2);
    expect(third.doc.triggers).toEqual([
      { id: 'schedule1', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' },
      { id: 'webhook1', kind: 'webhook', path: 'order-approval/webhook1', auth: { type: 'none' } },
      { id: 'schedule2', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'UTC' },
    ]);
  });

  it('replaces and removes by index, dropping the field with the last trigger', () => {
    const { doc } = addTrigger(addTrigger(orderApproval(), 'schedule', 'UTC').doc, 'webhook', 'UTC');
    const [schedule, webhook] = doc.triggers ?? [];
    if (schedule?.kind !== 'schedule' || webhook === undefined) throw new Error('expected two triggers');
    const edited = replaceTrigger(doc, 0, { ...schedule, cron: '*/5 * * * *' });
    expect(edited.triggers?.[0]).toMatchObject({ cron: '*/5 * * * *' });
    expect(edited.triggers?.[1]).toBe(webhook);
    expect(replaceTrigger(doc, 5, schedule)).toBe(doc);

    const one = removeTrigger(edited, 0);
    expect(one.triggers).toEqual([webhook]);
    expect('triggers' in removeTrigger(one, 0)).toBe(false);
    expect(removeTrigger(one, 3)).toBe(one);
  });

  it('keeps the secret name when switching between bearer and HMAC auth', () => {
    const bearer = withAuthType({ type: 'none' }, 'bearer');
    expect(bearer).toEqual({ type: 'bearer', secret: '' });
    expect(withAuthType({ type: 'bearer', secret: 'HOOK' }, 'hmac')).toEqual({ type: 'hmac', secret: 'HOOK' });
    expect(withAuthType({ type: 'hmac', secret: 'HOOK' }, 'none')).toEqual({ type: 'none' });
    expect(withAuthType(bearer, 'bearer')).toBe(bearer);
  });
});
