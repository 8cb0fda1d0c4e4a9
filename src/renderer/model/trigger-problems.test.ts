import { parseWorkflowValue } from '#engine';
import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { isTriggerProblem, triggerProblems } from './trigger-problems.js';

describe('triggerProblems', () => {
  it('sorts schema and rule problems by trigger and field, without the field prefix', () => {
    const schema = parseWorkflowValue({
      ...orderApproval(),
      triggers: [{ id: 'hook', kind: 'webhook', path: '/x', auth: { type: 'bearer', secret: 'lower' } }],
    }).problems;
    const ofHook = triggerProblems(schema, 0);
    expect(ofHook('path').map((p) => p.message)).toEqual([
      'expected a path such as "orders/new" (letters, digits, _ - . and /, no leading or trailing /)',
    ]);
    expect(ofHook('auth.secret').map((p) => p.message)).toEqual(['expected a secret name (upper case, digits and _)']);
    expect(triggerProblems(schema, 1)('path')).toEqual([]);

    const rules = parseWorkflowValue({
      ...orderApproval(),
      triggers: [
        { id: 's', kind: 'schedule', cron: '0 9 * * *', timezone: 'UTC' },
        { id: 's', kind: 'schedule', cron: '61 * * * *', timezone: 'UTC' },
      ],
    }).problems;
    const ofSecond = triggerProblems(rules, 1);
    expect(ofSecond('cron').map((p) => p.message)).toEqual([
      'invalid cron expression "61 * * * *": Invalid value for minute: 61',
    ]);
    expect(ofSecond('').map((p) => p.code)).toEqual(['DUPLICATE_TRIGGER']);
    expect(rules.every(isTriggerProblem)).toBe(true);
  });

  it('leaves other problems to the workflow', () => {
    expect(isTriggerProblem({ severity: 'error', code: 'X', message: 'm', field: 'name' })).toBe(false);
    expect(isTriggerProblem({ severity: 'error', code: 'X', message: 'm' })).toBe(false);
  });
});
