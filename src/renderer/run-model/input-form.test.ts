import { describe, expect, it } from 'vitest';
import { buildInput, initialValues, inputForm } from './input-form.js';

const schema = {
  type: 'object',
  properties: {
    amount: { type: 'number', minimum: 0, description: 'in EUR' },
    count: { type: 'integer', default: 2 },
    customer: { type: 'string' },
    urgent: { type: 'boolean' },
    priority: { enum: ['low', 'high'] },
    tags: { type: 'array', items: { type: 'string' } },
    sizes: { type: 'array', items: { type: 'number' } },
    address: { type: 'object', properties: { city: { type: 'string' } } },
  },
  required: ['amount', 'priority'],
};

describe('the run input form', () => {
  const form = inputForm(schema);

  it('makes one field per property, falling back to JSON for nested values', () => {
    expect(form.mode).toBe('fields');
    if (form.mode !== 'fields') return;
    expect(form.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['amount', 'number', true],
      ['count', 'integer', false],
      ['customer', 'string', false],
      ['urgent', 'boolean', false],
      ['priority', 'enum', true],
      ['tags', 'list', false],
      ['sizes', 'list', false],
      ['address', 'json', false],
    ]);
    expect(form.fields[0]?.description).toBe('in EUR');
  });

  it('starts from the schema defaults', () => {
    expect(initialValues(form, schema)).toMatchObject({ amount: '', count: '2', urgent: false });
  });

  it('builds typed input and leaves empty optional fields out', () => {
    const built = buildInput(form, {
      ...initialValues(form, schema),
      amount: '1200.5',
      priority: 'high',
      tags: 'a, b',
      sizes: '1\n2.5',
      address: '{"city": "Oslo"}',
      urgent: true,
    });
    expect(built).toEqual({
      ok: true,
      input: {
        amount: 1200.5,
        count: 2,
        urgent: true,
        priority: 'high',
        tags: ['a', 'b'],
        sizes: [1, 2.5],
        address: { city: 'Oslo' },
      },
    });
  });

  it('names every field that is wrong before anything is sent', () => {
    const built = buildInput(form, { amount: '-3', count: '1.5', priority: '', sizes: '1, x', address: '{' });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual({
      amount: 'At least 0',
      count: 'Enter a whole number',
      priority: 'Required',
      sizes: '"x" is not a number',
      address: expect.stringMatching(/^Not valid JSON/),
    });
  });

  it('uses one JSON editor when the schema is not an object with properties, and none without a schema', () => {
    const json = inputForm({ type: 'array' });
    expect(json).toEqual({ mode: 'json' });
    expect(buildInput(json, { $json: '[1, 2]' })).toEqual({ ok: true, input: [1, 2] });
    expect(buildInput(json, { $json: 'nope' }).ok).toBe(false);
    expect(buildInput(inputForm(undefined), {})).toEqual({ ok: true, input: {} });
  });
});
