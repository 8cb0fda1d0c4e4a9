import { kindSpec, type Workflow, type WorkflowNode } from '#shared';

export type PathKey = string | number;

/** Reads the value at `path` inside any JSON-like value (undefined when absent). */
export function getIn(value: unknown, path: readonly PathKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    const next: unknown = Reflect.get(current, key);
    current = next;
  }
  return current;
}

/**
 * Returns a copy of `value` with `path` set to `next` (removed when `next` is undefined);
 * objects and arrays along the path are copied, never mutated.
 */
export function setIn(value: unknown, path: readonly PathKey[], next: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  const child = setIn(getIn(value, [key]), rest, next);
  if (typeof key === 'number') {
    const list: unknown[] = isList(value) ? [...value] : [];
    if (child === undefined) list.splice(key, 1);
    else list[key] = child;
    return list;
  }
  const object: Record<string, unknown> =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
  if (child === undefined) delete object[key];
  else object[key] = child;
  return object;
}

/**
 * A node with one field changed. The inspector edits fields generically (forms generated
 * from the config schemas), so the result may break the schema for a moment — an empty
 * required field while typing — which the validator then reports on that field; hence the
 * one unchecked conversion back to WorkflowNode here.
 */
export function withNodeValue(node: WorkflowNode, path: readonly PathKey[], next: unknown): WorkflowNode {
  const updated = setIn(node, path, next);
  return updated as WorkflowNode;
}

/** A document with one top-level field changed (name, id, description); see withNodeValue. */
export function withDocValue(doc: Workflow, key: 'name' | 'id' | 'description', next: string | undefined): Workflow {
  return setIn(doc, [key], next) as Workflow;
}

/** `config.cases[0].when` for the path `['config', 'cases', 0, 'when']`: the validator's field syntax. */
export function fieldPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out;
}

/** Variables that nodes set (the registry's `setsVars` record of each kind), for `vars.` completion. */
export function variableNames(doc: Workflow): string[] {
  const names = new Set<string>();
  for (const node of doc.nodes) {
    const key = kindSpec(node.kind).setsVars;
    const record = key === undefined ? undefined : getIn(node.config, [key]);
    if (typeof record === 'object' && record !== null) for (const name of Object.keys(record)) names.add(name);
  }
  return [...names].sort();
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
