import type { Workflow } from '#shared';

/** The property types the field editor offers. */
export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One property of the workflow's `input` schema, as the field editor shows it. */
export interface SchemaField {
  readonly name: string;
  /** Undefined when the property names no single type the editor offers (see `rest.type`). */
  readonly type: FieldType | undefined;
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
  /** Undefined: any value of the type. */
  readonly enum: readonly unknown[] | undefined;
  /** Keywords the editor does not edit (`minimum`, `pattern`, `items`, …): kept as they are. */
  readonly rest: Readonly<Record<string, unknown>>;
}

/**
 * The input schema split into fields. `editable` is false for a schema that is not an object
 * with properties (a bare `{"type": "string"}`, a boolean schema): the designer then shows it
 * read-only rather than lose what it says.
 */
export interface SchemaFields {
  readonly editable: boolean;
  readonly fields: readonly SchemaField[];
  /** Top-level keywords besides `type`, `properties` and the `required` names of fields. */
  readonly rest: Readonly<Record<string, unknown>>;
}

type Entries = Record<string, unknown>;

function isObject(value: unknown): value is Entries {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TYPES: ReadonlySet<string> = new Set(FIELD_TYPES);
function isFieldType(value: unknown): value is FieldType {
  return typeof value === 'string' && TYPES.has(value);
}

function without(entries: Entries, keys: readonly string[]): Entries {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => !keys.includes(key)));
}

function toField(name: string, prop: Entries, required: boolean): SchemaField {
  const type = isFieldType(prop['type']) ? prop['type'] : undefined;
  const values = Array.isArray(prop['enum']) ? prop['enum'] : undefined;
  const edited = [...(type === undefined ? [] : ['type']), 'default', ...(values === undefined ? [] : ['enum'])];
  return {
    name,
    type,
    required,
    hasDefault: 'default' in prop,
    default: prop['default'],
    enum: values,
    rest: without(prop, edited),
  };
}

/**
 * The fields of an input schema.
 *
 * @example
 * schemaFields({ type: 'object', properties: { amount: { type: 'number', minimum: 0 } }, required: ['amount'] });
 * // { editable: true, rest: {}, fields: [{ name: 'amount', type: 'number', required: true, rest: { minimum: 0 }, … }] }
 */
export function schemaFields(schema: Readonly<Entries> | undefined): SchemaFields {
  if (schema === undefined) return { editable: true, fields: [], rest: {} };
  const properties = schema['properties'] ?? {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  const objectType = schema['type'] === undefined || schema['type'] === 'object';
  if (!objectType || !isObject(properties) || !Object.values(properties).every(isObject) || !required.every(isText))
    return { editable: false, fields: [], rest: schema };
  const fields = Object.entries(properties).map(([name, prop]) =>
    toField(name, isObject(prop) ? prop : {}, required.includes(name)),
  );
  const others = required.filter((name) => !(name in properties));
  const rest = without(schema, ['type', 'properties', 'required']);
  return { editable: true, fields, rest: others.length === 0 ? rest : { ...rest, required: others } };
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

function propertyOf(field: SchemaField): Entries {
  return {
    ...(field.type === undefined ? {} : { type: field.type }),
    ...field.rest,
    ...(field.enum === undefined ? {} : { enum: field.enum }),
    ...(field.hasDefault ? { default: field.default } : {}),
  };
}

/** The input schema the fields stand for; undefined when nothing is left of it. */
export function schemaOf(parts: SchemaFields): Entries | undefined {
  if (!parts.editable) return parts.rest;
  const { fields } = parts;
  const others: unknown = parts.rest['required'];
  const otherRequired = Array.isArray(others) ? others.filter(isText) : [];
  const required = [...fields.filter((f) => f.required).map((f) => f.name), ...otherRequired];
  const rest = without(parts.rest, ['required']);
  if (fields.length === 0 && required.length === 0 && Object.keys(rest).length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.name, propertyOf(f)])),
    ...(required.length === 0 ? {} : { required }),
    ...rest,
  };
}

/** Does a value fit a field type (undefined: any)? */
export function fitsType(type: FieldType | undefined, value: unknown): boolean {
  switch (type) {
    case undefined:
      return true;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

/** The field with another type: a default or enum values that no longer fit are dropped. */
export function withType(field: SchemaField, type: FieldType | undefined): SchemaField {
  const keepDefault = field.hasDefault && fitsType(type, field.default);
  const values = field.enum?.filter((v) => fitsType(type, v));
  const rest = type === undefined ? field.rest : without(field.rest, ['type']);
  return {
    ...field,
    type,
    rest,
    hasDefault: keepDefault,
    default: keepDefault ? field.default : undefined,
    enum: values === undefined || values.length === 0 || !enumerable(type) ? undefined : values,
  };
}

/** Types whose enum the editor takes as a comma-separated list. */
export function enumerable(type: FieldType | undefined): boolean {
  return type === 'string' || type === 'number' || type === 'integer';
}

/** A value as the editor shows it in a text box: strings as they are, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** What was typed as a default, read for the field's type; `''` is "no default" (value undefined). */
export function parseValue(type: FieldType | undefined, text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  if (type === 'string') return { ok: true, value: text };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: type === undefined ? 'expected JSON' : `expected ${a(type)}` };
  }
  return fitsType(type, value) ? { ok: true, value } : { ok: false, message: `expected ${a(type ?? 'value')}` };
}

/** A comma-separated list of allowed values, read for a string, number or integer field. */
export function parseEnum(type: FieldType | undefined, text: string): Parsed {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: true, value: undefined };
  const values: unknown[] = [];
  for (const part of parts) {
    const parsed = type === 'string' ? { ok: true as const, value: part } : parseValue(type, part);
    if (!parsed.ok) return { ok: false, message: `${part}: ${parsed.message}` };
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

function a(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** A name for a new field that no field has yet: `field1`, `field2`, … */
export function freeFieldName(fields: readonly SchemaField[]): string {
  const taken = new Set(fields.map((f) => f.name));
  let n = fields.length + 1;
  while (taken.has(`field${n}`)) n += 1;
  return `field${n}`;
}

/** A new string field. */
export function newField(name: string): SchemaField {
  return { name, type: 'string', required: false, hasDefault: false, default: undefined, enum: undefined, rest: {} };
}

/** The document with another input schema (none when undefined). */
export function withInputSchema(doc: Workflow, schema: Record<string, unknown> | undefined): Workflow {
  const next = { ...doc };
  if (schema === undefined) delete next.input;
  else next.input = schema;
  return next;
}
