import { Workflow } from '#shared';
import { inSubflow, type Problem } from './problem.js';

// Types derived from the schema itself, so the engine needs no import of zod.
type ParseParams = NonNullable<Parameters<typeof Workflow.safeParse>[1]>;
type ErrorMap = NonNullable<ParseParams['error']>;
type RawIssue = Parameters<ErrorMap>[0];
export type SchemaIssue = NonNullable<ReturnType<typeof Workflow.safeParse>['error']>['issues'][number];

const ARTICLE_TYPES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

function typeName(expected: string): string {
  return ARTICLE_TYPES[expected] ?? expected;
}

function bound(origin: string, limit: number | bigint, inclusive: boolean | undefined, small: boolean): string {
  const n = Number(limit);
  if (origin === 'string') {
    if (small && n === 1) return 'expected a non-empty string';
    return `expected ${small ? 'at least' : 'at most'} ${n} character${n === 1 ? '' : 's'}`;
  }
  if (origin === 'array' || origin === 'set') {
    return `expected ${small ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'}`;
  }
  if (small && n === 0 && inclusive === false) return 'expected a positive number';
  const op = small ? (inclusive === false ? '>' : '>=') : inclusive === false ? '<' : '<=';
  return `expected a number ${op} ${n}`;
}

function unionMessage(errors: readonly (readonly SchemaIssue[])[]): string {
  const expected: string[] = [];
  for (const alternative of errors) {
    const first = alternative[0];
    if (first === undefined) continue;
    if (first.code !== 'invalid_type' || first.path.length > 0) return first.message;
    expected.push(typeName(first.expected));
  }
  return expected.length > 0 ? `expected ${expected.join(' or ')}` : 'does not match any allowed form';
}

/** zod error map giving the messages people read; messages set in the schema win over it. */
export const readableErrors: ErrorMap = (iss: RawIssue) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined
        ? `missing (expected ${typeName(iss.expected)})`
        : `expected ${typeName(iss.expected)}`;
    case 'invalid_value': {
      const values = iss.values.map((v) => JSON.stringify(v));
      return values.length === 1 ? `expected ${values.join('')}` : `expected one of ${values.join(', ')}`;
    }
    case 'too_small':
      return bound(iss.origin, iss.minimum, iss.inclusive, true);
    case 'too_big':
      return bound(iss.origin, iss.maximum, iss.inclusive, false);
    case 'invalid_format':
      return `does not have the expected format (${iss.format})`;
    case 'unrecognized_keys':
      return iss.keys.map((k) => `unknown field "${k}"`).join(', ');
    case 'invalid_key': {
      // A record key that fails its schema (a variable name in `assign` or `vars`).
      const reason = iss.issues[0]?.message;
      return reason === undefined ? undefined : `invalid key: ${reason}`;
    }
    case 'invalid_union': {
      if (iss.discriminator !== undefined) {
        const value = prop(iss.input, iss.discriminator);
        const options = 'options' in iss ? listOf(iss.options) : '';
        return value === undefined
          ? `missing "${iss.discriminator}" (expected one of ${options})`
          : `unknown ${iss.discriminator} ${JSON.stringify(value)} (expected one of ${options})`;
      }
      return 'errors' in iss ? unionMessage(iss.errors) : undefined;
    }
    default:
      return undefined;
  }
};

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map((v: unknown) => String(v)).join(', ') : '';
}

/** Reads a property of a value that may not be an object. */
export function prop(value: unknown, key: PropertyKey): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const v: unknown = Reflect.get(value, key);
  return v;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function nodeRefAt(doc: unknown, index: number): string {
  const id = prop(prop(prop(doc, 'nodes'), index), 'id');
  return typeof id === 'string' && id !== '' ? id : `#${index + 1}`;
}

function edgeRefAt(doc: unknown, index: number): string {
  const edge = prop(prop(doc, 'edges'), index);
  const id = prop(edge, 'id');
  if (typeof id === 'string' && id !== '') return id;
  const from = prop(edge, 'from');
  const to = prop(edge, 'to');
  return `${typeof from === 'string' ? from : '?'}->${typeof to === 'string' ? to : '?'}`;
}

function toProblems(issue: SchemaIssue, doc: unknown, path: readonly PropertyKey[]): Problem[] {
  const [head, index] = path;
  if (head === 'subflows' && typeof index === 'number') {
    const sub = prop(prop(doc, 'subflows'), index);
    const subId = prop(sub, 'id');
    const name = typeof subId === 'string' && subId !== '' ? subId : `#${index + 1}`;
    return toProblems(issue, sub, path.slice(2)).map((p) => inSubflow(name, p));
  }
  const where: Pick<Problem, 'node' | 'edge'> = {};
  let rest = path;
  if ((head === 'nodes' || head === 'edges') && typeof index === 'number') {
    if (head === 'nodes') where.node = nodeRefAt(doc, index);
    else where.edge = edgeRefAt(doc, index);
    rest = path.slice(2);
  }
  const base: Omit<Problem, 'message'> = { severity: 'error', code: 'INVALID_WORKFLOW', ...where };
  const at = formatPath(rest);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      ...base,
      field: formatPath([...rest, key]),
      message: `${at === '' ? '' : `${at}: `}unknown field "${key}"`,
    }));
  }
  // "unknown kind ..." already names its field.
  const named = issue.code === 'invalid_union' && issue.discriminator !== undefined;
  const message = at === '' || named ? issue.message : `${at}: ${issue.message}`;
  return [{ ...base, ...(at === '' ? {} : { field: at }), message }];
}

/** Maps zod issues to problems that name the node (by id), edge and field. */
export function issuesToProblems(issues: readonly SchemaIssue[], doc: unknown): Problem[] {
  return issues.flatMap((issue) => toProblems(issue, doc, issue.path));
}
