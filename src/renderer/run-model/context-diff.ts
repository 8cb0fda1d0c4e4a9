/** How a value at one path differs from the previous state. */
export type Change = 'added' | 'changed' | 'removed';

/** Path of a value inside the context, e.g. `vars.total` or `steps.fetch.output.items.0`. */
export function childPath(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function walk(prev: unknown, next: unknown, path: string, out: Map<string, Change>, depth: number): boolean {
  if (Object.is(prev, next)) return false;
  if (!isRecord(prev) || !isRecord(next) || Array.isArray(prev) !== Array.isArray(next) || depth > 32) {
    if (JSON.stringify(prev) === JSON.stringify(next)) return false;
    out.set(path, prev === undefined ? 'added' : next === undefined ? 'removed' : 'changed');
    return true;
  }
  let any = false;
  for (const key of Object.keys(next)) {
    const p = childPath(path, key);
    if (!(key in prev)) {
      out.set(p, 'added');
      any = true;
    } else if (walk(prev[key], next[key], p, out, depth + 1)) any = true;
  }
  for (const key of Object.keys(prev)) {
    if (!(key in next)) {
      out.set(childPath(path, key), 'removed');
      any = true;
    }
  }
  if (any && path !== '' && !out.has(path)) out.set(path, 'changed');
  return any;
}

/**
 * The paths whose values differ between two contexts: leaves that were added, changed or
 * removed, and every object above them (as `changed`), so a tree view can open the way down.
 *
 * @example
 * contextChanges({ vars: { i: 1 } }, { vars: { i: 2, j: 0 } })
 * // Map { 'vars.i' => 'changed', 'vars.j' => 'added', 'vars' => 'changed' }
 */
export function contextChanges(prev: unknown, next: unknown): Map<string, Change> {
  const out = new Map<string, Change>();
  walk(prev, next, '', out, 0);
  return out;
}
