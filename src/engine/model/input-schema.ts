import { Validator } from '@cfworker/json-schema';
// The meta-schema of JSON Schema draft-07, as the specification publishes it (json-schema.org).
import draft07MetaSchema from './json-schema-draft-07.json';
import { SwitchyardError } from '#shared';

// Keywords that only say "a part of me failed"; the part's own error says what.
const AGGREGATE_KEYWORDS = new Set(['properties', 'items', 'allOf', 'additionalProperties', 'prefixItems', '$ref']);

function pointerToPath(pointer: string): string {
  return pointer
    .replace(/^#/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${decodeURIComponent(part)}`))
    .join('');
}

// The draft-07 meta-schema: the 2020-12 one leans on `$dynamicRef`, which the validator does not
// follow into nested schemas; every keyword the two drafts share is checked the same way.
let metaValidator: Validator | undefined;

/**
 * What is wrong with a workflow's `input` JSON Schema itself, checked against the JSON Schema
 * meta-schema (`"required": 1.5`, `"type": "strin"`), one line each naming the keyword's place.
 */
export function inputSchemaProblems(schema: Record<string, unknown>): string[] {
  metaValidator ??= new Validator(draft07MetaSchema as Record<string, unknown>, '7', false);
  const result = metaValidator.validate(schema);
  if (result.valid) return [];
  const leaves = result.errors.filter((e) => !META_AGGREGATES.has(e.keyword));
  // One line per place: the first reason the meta-schema gives for it.
  const byPlace = new Map<string, string>();
  for (const e of leaves.length > 0 ? leaves : result.errors) {
    if (!byPlace.has(e.instanceLocation)) byPlace.set(e.instanceLocation, e.error);
  }
  return [...byPlace].map(([place, error]) => `input${pointerToPath(place)}: ${error}`);
}

// Keywords of the meta-schema that only say "a part of me failed" (or "none of my alternatives fit").
const META_AGGREGATES = new Set([...AGGREGATE_KEYWORDS, 'anyOf', 'oneOf', 'additionalProperties']);

/** The problems of `input` against a workflow's `input` JSON Schema, one line each (empty when valid). */
export function inputProblems(schema: Record<string, unknown> | undefined, input: unknown): string[] {
  if (!schema) return [];
  const result = new Validator(schema, '2020-12', false).validate(input);
  if (result.valid) return [];
  const leaves = result.errors.filter((e) => !AGGREGATE_KEYWORDS.has(e.keyword));
  return (leaves.length > 0 ? leaves : result.errors).map(
    (e) => `input${pointerToPath(e.instanceLocation)}: ${e.error}`,
  );
}

/** Throws INVALID_INPUT naming every problem when `input` does not satisfy the workflow's schema. */
export function assertValidInput(
  workflowId: string,
  schema: Record<string, unknown> | undefined,
  input: unknown,
): void {
  const problems = inputProblems(schema, input);
  if (problems.length > 0) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `input does not match the input schema of workflow ${workflowId}: ${problems.join('; ')}`,
      problems,
    );
  }
}
