import { NODE_KINDS, VAR_NAME } from '#shared';
import { describe, expect, it } from 'vitest';
import { configFields, fieldLabel, retryPolicyFields } from './config-fields.js';

describe('configFields (zod → JSON Schema → form)', () => {
  it('renders switch cases as repeated sub-forms with an expression per case', () => {
    const [cases] = configFields('switch');
    expect(cases).toMatchObject({ type: 'objectList', key: 'cases', minItems: 1 });
    if (cases?.type !== 'objectList') throw new Error('expected an object list');
    expect(cases.item.map((f) => [f.key, f.type, f.type === 'text' ? f.syntax : ''])).toEqual([
      ['port', 'text', 'plain'],
      ['when', 'text', 'expression'],
    ]);
  });

  it('maps the other JSON Schema types', () => {
    expect(configFields('approval').map((f) => f.type)).toEqual(['text', 'text', 'tags', 'number']);
    expect(configFields('wait')[0]).toMatchObject({ type: 'tags', pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' });
    expect(configFields('delay')[0]).toMatchObject({ type: 'numberOrExpression', min: 0 });
    expect(configFields('transform')[1]).toMatchObject({
      type: 'record',
      syntax: 'expression',
      keyPattern: '^[A-Za-z_$][A-Za-z0-9_$]*$',
    });
    expect(configFields('join')).toMatchObject([
      { type: 'enum', options: ['all', 'first', 'count'] },
      { type: 'number', integer: true },
    ]);
    expect(configFields('script')[0]).toMatchObject({ type: 'text', syntax: 'code' });
    expect(configFields('log')[1]).toMatchObject({ type: 'enum', required: false });
    expect(configFields('start')).toEqual([]);
    for (const kind of NODE_KINDS) expect(() => configFields(kind)).not.toThrow();
  });

  it('gives a set node a required editor of variable name → expression', () => {
    expect(configFields('set')).toEqual([
      { type: 'record', key: 'vars', label: 'Vars', required: true, syntax: 'expression', keyPattern: VAR_NAME.source },
    ]);
  });

  it('builds the retry policy fields and readable labels', () => {
    expect(retryPolicyFields().map((f) => f.label)).toEqual([
      'Max attempts',
      'First delay (ms)',
      'Backoff',
      'Max delay (ms)',
    ]);
    expect(fieldLabel('minApprovals')).toBe('Approvals needed');
    expect(fieldLabel('someCamelCase')).toBe('Some camel case');
  });
});
