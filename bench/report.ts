import { readFileSync, writeFileSync } from 'node:fs';
import type { TableRow } from './benchmark.js';

const HEADERS = ['benchmark', 'project', 'baseline', 'ratio / value', 'goal', 'met?'] as const;

function cells(row: TableRow): string[] {
  const met = row.met === undefined ? '' : row.met ? 'yes' : 'NO';
  return [row.benchmark, row.project, row.baseline, row.value, row.goal, met];
}

/** A plain-text table (also valid Markdown), columns padded to their widest cell. */
export function formatTable(rows: readonly TableRow[]): string {
  const lines = [HEADERS.slice() as string[], ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...lines.map((cols) => (cols[i] ?? '').length)));
  const render = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const [head, ...body] = lines;
  return [render(head ?? []), rule, ...body.map(render)].join('\n');
}

/**
 * Writes results.json: one key per benchmark. Formatted with the project's Prettier config
 * when Prettier is installed, so the committed file passes `prettier --check`.
 */
export async function writeResults(path: string, results: Record<string, unknown>): Promise<void> {
  let text = `${JSON.stringify(results, null, 2)}\n`;
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path)) ?? {};
    text = await prettier.format(text, { ...options, filepath: path });
  } catch {
    // Prettier is a dev dependency; without it the plain JSON is written.
  }
  writeFileSync(path, text);
}

/** The results of an earlier run, or nothing when the file is missing or not a JSON object. */
export function readResults(path: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
  } catch {
    return {};
  }
}
