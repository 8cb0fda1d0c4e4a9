// Writes the published JSON Schemas (schema/*.schema.json) from the zod schemas in src/shared.
// `--check` compares instead of writing and exits 1 when a committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { RunBundle, Workflow } from '#shared';

interface SchemaEntry {
  file: string;
  schema: z.ZodType;
  title: string;
}

const BASE_URL = 'https://switchyard.dev/schema/';

/** One line per published schema. */
export const SCHEMAS: readonly SchemaEntry[] = [
  { file: 'workflow-1.schema.json', schema: Workflow, title: 'Switchyard workflow document, format 1' },
  { file: 'run-bundle-1.schema.json', schema: RunBundle, title: 'Switchyard run bundle, format 1' },
];

/** The text of each schema file, keyed by file name. */
export function renderSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of SCHEMAS) {
    const json = z.toJSONSchema(entry.schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
    const { $schema, ...rest } = json;
    const document = { $schema, $id: `${BASE_URL}${entry.file}`, title: entry.title, ...rest };
    out.set(entry.file, `${JSON.stringify(document, null, 2)}\n`);
  }
  return out;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export function main(args: readonly string[], root: string): number {
  const check = args.includes('--check');
  let stale = 0;
  for (const [file, text] of renderSchemas()) {
    const path = resolve(root, 'schema', file);
    if (!check) {
      writeFileSync(path, text);
      console.log(`wrote schema/${file}`);
    } else if (readOrEmpty(path) !== text) {
      console.error(`schema/${file} is out of date: run \`npm run schema\` and commit the result`);
      stale++;
    }
  }
  return stale === 0 ? 0 : 1;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  process.exitCode = main(process.argv.slice(2), process.cwd());
}
