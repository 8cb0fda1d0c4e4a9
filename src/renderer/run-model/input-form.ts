import { z } from 'zod';

type Primitive = 'string' | 'number' | 'integer' | 'boolean';

interface FieldBase {
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
  readonly description: string | undefined;
}

/** One form field generated from a property of the workflow's `input` schema. */
export type InputField = FieldBase &
  (
    | { readonly kind: 'string' }
    | {
        readonly kind: 'number' | 'integer';
        readonly minimum: number | undefined;
        readonly maximum: number | undefined;
      }
    | { readonly kind: 'boolean' }
    | { readonly kind: 'enum'; readonly options: readonly (string | number | boolean)[] }
    | { readonly kind: 'list'; readonly item: Primitive }
    | { readonly kind: 'json' }
  );

/** `fields` for an object schema with properties; `json` (one editor for the whole input) otherwise; `none` without a schema. */
export type InputForm =
  | { readonly mode: 'none' }
  | { readonly mode: 'fields'; readonly fields: readonly InputField[] }
  | { readonly mode: 'json' };

/** What the person typed, by field name (`$json` in json mode). */
export type InputValues = Record<string, string | boolean>;

export type BuiltInput = { ok: true; input: unknown } | { ok: false; errors: Record<string, string> };

const Prop = z.looseObject({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  enum: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  default: z.unknown().optional(),
  items: z.looseObject({ type: z.string().optional() }).optional(),
});
type Prop = z.infer<typeof Prop>;
const ObjectSchema = z.looseObject({
  type: z.literal('object').optional(),
  properties: z.record(z.string(), z.unknown()),
  required: z.array(z.string()).optional(),
});

const PRIMITIVES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean']);
function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' && PRIMITIVES.has(value);
}

function toField(name: string, raw: unknown, required: boolean): InputField {
  const parsed = Prop.safeParse(raw);
  const base = { name, label: name, required, description: undefined };
  if (!parsed.success) return { ...base, kind: 'json' };
  const prop: Prop = parsed.data;
  const withText = { ...base, label: prop.title ?? name, description: prop.description };
  if (prop.enum !== undefined && prop.enum.length > 0) return { ...withText, kind: 'enum', options: prop.enum };
  const type = prop.type;
  if (type === 'string' || type === 'boolean') return { ...withText, kind: type };
  if (type === 'number' || type === 'integer')
    return { ...withText, kind: type, minimum: prop.minimum, maximum: prop.maximum };
  if (type === 'array' && isPrimitive(prop.items?.type)) return { ...withText, kind: 'list', item: prop.items.type };
  return { ...withText, kind: 'json' };
}

/** The form for a workflow's `input` JSON Schema. */
export function inputForm(schema: unknown): InputForm {
  if (schema === undefined || schema === null) return { mode: 'none' };
  const object = ObjectSchema.safeParse(schema);
  if (!object.success || Object.keys(object.data.properties).length === 0) return { mode: 'json' };
  const required = new Set(object.data.required ?? []);
  const fields = Object.entries(object.data.properties).map(([name, prop]) => toField(name, prop, required.has(name)));
  return { mode: 'fields', fields };
}

/** Starting values: each property's `default`, shown as text; booleans unchecked. */
export function initialValues(form: InputForm, schema: unknown): InputValues {
  if (form.mode === 'json') return { $json: '{}' };
  if (form.mode === 'none') return {};
  const props = ObjectSchema.safeParse(schema).data?.properties ?? {};
  const values: InputValues = {};
  for (const field of form.fields) {
    const value = Prop.safeParse(props[field.name]).data?.default;
    if (field.kind === 'boolean') values[field.name] = value === true;
    else if (value === undefined) values[field.name] = '';
    else if (field.kind === 'list' && Array.isArray(value)) values[field.name] = value.map(String).join(', ');
    else values[field.name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return values;
}

function parseNumber(field: InputField & { kind: 'number' | 'integer' }, text: string): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return 'Enter a number';
  if (field.kind === 'integer' && !Number.isInteger(n)) return 'Enter a whole number';
  if (field.minimum !== undefined && n < field.minimum) return `At least ${field.minimum}`;
  if (field.maximum !== undefined && n > field.maximum) return `At most ${field.maximum}`;
  return n;
}

function parseItem(item: Primitive, text: string): { value: unknown } | { error: string } {
  if (item === 'string') return { value: text };
  if (item === 'boolean') {
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    return { error: `"${text}" is not true or false` };
  }
  const n = Number(text);
  if (!Number.isFinite(n) || (item === 'integer' && !Number.isInteger(n)))
    return { error: `"${text}" is not a ${item === 'integer' ? 'whole number' : 'number'}` };
  return { value: n };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function fieldValue(field: InputField, raw: string | boolean | undefined): { value?: unknown } | { error: string } {
  if (field.kind === 'boolean') return { value: raw === true };
  const text = typeof raw === 'string' ? raw : '';
  if (text.trim() === '') return field.required ? { error: 'Required' } : {};
  switch (field.kind) {
    case 'string':
      return { value: text };
    case 'number':
    case 'integer': {
      const n = parseNumber(field, text);
      return typeof n === 'number' ? { value: n } : { error: n };
    }
    case 'enum': {
      const option = field.options.find((o) => String(o) === text);
      return option === undefined ? { error: 'Pick one of the options' } : { value: option };
    }
    case 'list': {
      const items = text
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => parseItem(field.item, s));
      const bad = items.find((i) => 'error' in i);
      if (bad !== undefined && 'error' in bad) return { error: bad.error };
      return { value: items.map((i) => ('value' in i ? i.value : null)) };
    }
    case 'json':
      return parseJson(text);
  }
}

/** The run input from the form, or a message per field that is not right yet. */
export function buildInput(form: InputForm, values: InputValues): BuiltInput {
  if (form.mode === 'none') return { ok: true, input: {} };
  if (form.mode === 'json') {
    const parsed = parseJson(typeof values['$json'] === 'string' ? values['$json'] : '');
    return 'error' in parsed ? { ok: false, errors: { $json: parsed.error } } : { ok: true, input: parsed.value };
  }
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const result = fieldValue(field, values[field.name]);
    if ('error' in result) errors[field.name] = result.error;
    else if ('value' in result) input[field.name] = result.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
