import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderSchemas } from '../../scripts/generate-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('published JSON Schemas', () => {
  it.each([...renderSchemas()])('schema/%s matches the zod schema (run `npm run schema` after changing it)', (file, text) => {
    expect(readFileSync(`${ROOT}schema/${file}`, 'utf8')).toBe(text);
  });

  it('publishes format 1 with its $id and a recursive subflows list', () => {
    const schema: unknown = JSON.parse(renderSchemas().get('workflow-1.schema.json') ?? '{}');
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://switchyard.dev/schema/workflow-1.schema.json',
      properties: { format: { const: 'switchyard/workflow@1' }, subflows: { items: { $ref: '#' } } },
      additionalProperties: false,
    });
  });
});
