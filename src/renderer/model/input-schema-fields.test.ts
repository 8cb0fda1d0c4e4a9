import { describe, expect, it } from 'vitest';
import {
  newField,
  parseEnum,
  parseValue,
  schemaFields,
  schemaOf,
  withType,
  type SchemaFields,
} from './input-schema-fields.js';

const invoiceInput = {
  type: 'object',
  properties: {
    amount: { type: 'number', minimum: 0, default: 100, description: 'in euros' },
    currency: { type: 'string', enum: ['EUR', 'USD'] },
    rush: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    lines: { type: 'array', items: { type: 'object' } },
  },
  required: ['amount', 'currency', 'legacy'],
  additionalProperties: false,
};

describe('input schema fields', () => {
  it('reads name, type, required, default and enum, keeping every other keyword', () => {
    const parts = schemaFields(invoiceInput);
    expect(parts.editable).toBe(true);
    expect(parts.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['amount', 'number', true],
      ['currency', 'string', true],
      ['rush', 'boolean', false],
      ['note', undefined, false],
      ['lines', 'array', false],
    ]);
    expect(parts.fields[0]).toMatchObject({
      hasDefault: true,
      default: 100,
      rest: { minimum: 0, description: 'in euros' },
    });
    expect(parts.fields[1]?.enum).toEqual(['EUR', 'USD']);
    expect(parts.fields[3]?.rest).toEqual({ type: ['string', 'null'] });
    expect(parts.rest).toEqual({ additionalProperties: false, required: ['legacy'] });
  });

  it('writes back exactly the schema it read', () => {
    expect(schemaOf(schemaFields(invoiceInput))).toEqual(invoiceInput);
    const plain = { type: 'object', properties: { n: { type: 'integer' } } };
    expect(schemaOf(schemaFields(plain))).toEqual(plain);
  });

  it('turns edits into the schema: added, renamed, retyped, required and removed fields', () => {
    const parts = schemaFields(undefined);
    const added: SchemaFields = { ...parts, fields: [{ ...newField('amount'), required: true }] };
    expect(schemaOf(added)).toEqual({
      type: 'object',
      properties: { amount: { type: 'string' } },
      required: ['amount'],
    });
    const retyped: SchemaFields = {
      ...added,
      fields: [
        { ...withType(added.fields[0] ?? newField('x'), 'number'), name: 'total', hasDefault: true, default: 5 },
      ],
    };
    expect(schemaOf(retyped)).toEqual({
      type: 'object',
      properties: { total: { type: 'number', default: 5 } },
      required: ['total'],
    });
    expect(schemaOf({ ...retyped, fields: [] })).toBeUndefined();
  });

  it('drops a default and enum values that no longer fit a new type, and frees a kept type', () => {
    const currency = { ...newField('c'), enum: ['EUR', 'USD'], hasDefault: true, default: 'EUR' };
    expect(withType(currency, 'number')).toMatchObject({ hasDefault: false, enum: undefined });
    const note = schemaFields(invoiceInput).fields[3] ?? newField('x');
    expect(withType(note, 'string').rest).toEqual({});
  });

  it('leaves a schema it cannot list as fields alone', () => {
    for (const schema of [{ type: 'string' }, { properties: { a: true } }, { type: 'object', properties: [] }]) {
      const parts = schemaFields(schema);
      expect(parts.editable, JSON.stringify(schema)).toBe(false);
      expect(schemaOf(parts)).toEqual(schema);
    }
  });

  it('parses defaults and enum lists for the field type', () => {
    expect(parseValue('string', '12')).toEqual({ ok: true, value: '12' });
    expect(parseValue('number', '12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseValue('integer', '12.5')).toEqual({ ok: false, message: 'expected an integer' });
    expect(parseValue('object', '[1]')).toEqual({ ok: false, message: 'expected an object' });
    expect(parseValue('boolean', '')).toEqual({ ok: true, value: undefined });
    expect(parseEnum('string', 'EUR, USD ,')).toEqual({ ok: true, value: ['EUR', 'USD'] });
    expect(parseEnum('integer', '1, 2')).toEqual({ ok: true, value: [1, 2] });
    expect(parseEnum('number', '1, x')).toEqual({ ok: false, message: 'x: expected a number' });
  });
});
