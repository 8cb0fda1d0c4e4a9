/** A list of objects found in a value, laid out as rows and columns. */
export interface DataTable {
  /** Where the list is, as an expression would read it (`steps.fetch.output.body.items`, `rows[2].lines`). */
  path: string;
  /** Keys of the objects, in the order they are first seen. */
  columns: string[];
  /** The first rows (at most `maxRows`). */
  rows: Record<string, unknown>[];
  /** How many items the list has. */
  total: number;
  /** More keys than `maxColumns`: the rest are left out. */
  moreColumns: number;
}

export interface TableLimits {
  maxTables: number;
  maxRows: number;
  maxColumns: number;
  maxDepth: number;
}

export const TABLE_LIMITS: TableLimits = { maxTables: 12, maxRows: 200, maxColumns: 24, maxDepth: 8 };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NAME = /^[A-Za-z_$][\w$]*$/;

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const part = NAME.test(key) ? key : `\`${key}\``;
  return parent === '' ? part : `${parent}.${part}`;
}

function tableOf(path: string, items: readonly Record<string, unknown>[], limits: TableLimits): DataTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  let moreColumns = 0;
  for (const item of items.slice(0, limits.maxRows)) {
    for (const key of Object.keys(item)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (columns.length < limits.maxColumns) columns.push(key);
      else moreColumns += 1;
    }
  }
  return { path, columns, rows: items.slice(0, limits.maxRows), total: items.length, moreColumns };
}

/**
 * Every list of objects inside `value` (itself included), outermost first: what a table
 * view can show. A list that is a table is not searched further (its rows' own lists would
 * repeat once per row); objects and other lists are, down to `maxDepth`.
 *
 * @example
 * tablesIn({ body: { items: [{ sku: 'a', qty: 1 }, { sku: 'b' }] } }, 'output')
 * // [{ path: 'output.body.items', columns: ['sku', 'qty'], rows: [...], total: 2, moreColumns: 0 }]
 */
export function tablesIn(value: unknown, root = '', limits: TableLimits = TABLE_LIMITS): DataTable[] {
  const found: DataTable[] = [];
  const visit = (current: unknown, path: string, depth: number): void => {
    if (found.length >= limits.maxTables || depth > limits.maxDepth) return;
    if (Array.isArray(current)) {
      if (current.length > 0 && current.every(isPlainObject)) {
        found.push(tableOf(path, current, limits));
        return;
      }
      current.slice(0, limits.maxRows).forEach((item, i) => visit(item, childPath(path, i), depth + 1));
      return;
    }
    if (isPlainObject(current))
      for (const [key, inner] of Object.entries(current)) visit(inner, childPath(path, key), depth + 1);
  };
  visit(value, root, 0);
  return found;
}

/** One table cell's text: strings as they are, other values as compact JSON, cut at `max` characters. */
export function cellText(value: unknown, max = 80): { text: string; full?: string; kind: string } {
  if (value === undefined) return { text: '', kind: 'missing' };
  if (typeof value === 'string')
    return value.length > max
      ? { text: `${value.slice(0, max - 1)}…`, full: value, kind: 'string' }
      : { text: value, kind: 'string' };
  // Values from a history are JSON; a function or symbol has no text of its own.
  const json = JSON.stringify(value) ?? typeof value;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return json.length > max ? { text: `${json.slice(0, max - 1)}…`, full: json, kind } : { text: json, kind };
}
