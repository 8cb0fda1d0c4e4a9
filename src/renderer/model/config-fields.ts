import { toJSONSchema, type ZodType } from 'zod';
import { kindSpec, RetryPolicy, type NodeKind } from '#shared';
import { fieldSyntax, type FieldSyntax } from './field-syntax.js';

/**
 * Inspector forms are generated from the per-kind zod config schemas: zod → JSON Schema →
 * field specs, rendered by JSON-Schema type.
 */
export type FieldSpec =
  | { type: 'text'; key: string; label: string; required: boolean; syntax: FieldSyntax | 'plain'; pattern?: string }
  | { type: 'number'; key: string; label: string; required: boolean; integer: boolean; min?: number }
  | { type: 'enum'; key: string; label: string; required: boolean; options: readonly string[] }
  | { type: 'boolean'; key: string; label: string; required: boolean }
  | { type: 'tags'; key: string; label: string; required: boolean; pattern?: string; numeric: false }
  | { type: 'statusList'; key: string; label: string; required: boolean }
  | { type: 'numberOrExpression'; key: string; label: string; required: boolean; min?: number }
  | {
      type: 'record';
      key: string;
      label: string;
      required: boolean;
      syntax: FieldSyntax | 'plain';
      keyPattern?: string;
    }
  | { type: 'objectList'; key: string; label: string; required: boolean; minItems: number; item: readonly FieldSpec[] };

/** Labels where the humanised key would read badly. */
const LABELS: Record<string, string> = {
  url: 'URL',
  ms: 'Duration (ms)',
  until: 'Until (ISO time)',
  expectStatus: 'Expected status',
  minApprovals: 'Approvals needed',
  maxAttempts: 'Max attempts',
  delayMs: 'First delay (ms)',
  maxDelayMs: 'Max delay (ms)',
  when: 'When',
  items: 'Items',
  workflow: 'Workflow id',
};

export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known !== undefined) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  pattern?: string;
};

const cache = new Map<NodeKind, readonly FieldSpec[]>();

/** The form fields of a kind's config, in schema order. */
export function configFields(kind: NodeKind): readonly FieldSpec[] {
  let fields = cache.get(kind);
  if (fields === undefined) {
    fields = objectFields(toSchema(kindSpec(kind).config), (path) => fieldSyntax(kind, path), '');
    cache.set(kind, fields);
  }
  return fields;
}

let retryFields: readonly FieldSpec[] | undefined;

/** The fields of a node's `retry` policy. */
export function retryPolicyFields(): readonly FieldSpec[] {
  retryFields ??= objectFields(toSchema(RetryPolicy), () => undefined, '');
  return retryFields;
}

function toSchema(schema: ZodType): JsonSchema {
  const json: unknown = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return isSchema(json) ? json : {};
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null;
}

function objectFields(
  schema: JsonSchema,
  syntaxOf: (path: string) => FieldSyntax | undefined,
  prefix: string,
): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, prop]) =>
    fieldFor(key, prop, required.has(key), syntaxOf, prefix === '' ? key : `${prefix}.${key}`),
  );
}

function fieldFor(
  key: string,
  prop: JsonSchema,
  required: boolean,
  syntaxOf: (path: string) => FieldSyntax | undefined,
  path: string,
): FieldSpec {
  const label = fieldLabel(key);
  const min = prop.minimum ?? prop.exclusiveMinimum;
  if (prop.anyOf !== undefined) {
    const types = prop.anyOf.map((s) => s.type);
    if (types.includes('array')) return { type: 'statusList', key, label, required };
    const numeric = prop.anyOf.find((s) => s.type === 'number' || s.type === 'integer');
    const numMin = numeric?.minimum ?? numeric?.exclusiveMinimum;
    return { type: 'numberOrExpression', key, label, required, ...(numMin === undefined ? {} : { min: numMin }) };
  }
  if (prop.enum !== undefined) {
    return { type: 'enum', key, label, required, options: prop.enum.filter((v): v is string => typeof v === 'string') };
  }
  switch (prop.type) {
    case 'number':
    case 'integer':
      return {
        type: 'number',
        key,
        label,
        required,
        integer: prop.type === 'integer',
        ...(min === undefined ? {} : { min }),
      };
    case 'boolean':
      return { type: 'boolean', key, label, required };
    case 'array': {
      const items = prop.items ?? {};
      if (items.type === 'object') {
        return {
          type: 'objectList',
          key,
          label,
          required,
          minItems: prop.minItems ?? 0,
          item: objectFields(items, syntaxOf, `${path}[]`),
        };
      }
      return {
        type: 'tags',
        key,
        label,
        required,
        numeric: false,
        ...(items.pattern === undefined ? {} : { pattern: items.pattern }),
      };
    }
    case 'object': {
      const keyPattern = prop.propertyNames?.pattern;
      return {
        type: 'record',
        key,
        label,
        required,
        syntax: syntaxOf(`${path}.*`) ?? 'plain',
        ...(keyPattern === undefined ? {} : { keyPattern }),
      };
    }
    default:
      return {
        type: 'text',
        key,
        label,
        required,
        syntax: syntaxOf(path) ?? 'plain',
        ...(prop.pattern === undefined ? {} : { pattern: prop.pattern }),
      };
  }
}
