import { Validator } from '@cfworker/json-schema';
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
