/** Thrown by {@link toPlainJson} when a value has no JSON form; `reason` completes "evaluation failed: ...". */
export class NotJsonError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'NotJsonError';
  }
}

/**
 * Deep-copies an expression result into plain JSON: `undefined` becomes `null`, JSONata's
 * sequences (arrays carrying `sequence`/`keepSingleton` flags) become plain arrays, and the
 * copy shares nothing with the scope it was read from.
 */
export function toPlainJson(value: unknown, path = '$'): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value))
        throw new NotJsonError(`the result has the number ${value} at ${path}, which JSON cannot hold`);
      return value;
    case 'function':
      throw functionError(path);
    case 'object':
      return Array.isArray(value) ? copyArray(value, path) : copyObject(value, path);
    default:
      throw new NotJsonError(`the result has a ${typeof value} at ${path}, which is not a JSON value`);
  }
}

function copyArray(items: readonly unknown[], path: string): unknown[] {
  return items.map((item, index) => toPlainJson(item, `${path}[${index}]`));
}

function copyObject(source: object, path: string): Record<string, unknown> {
  if (isJsonataFunction(source)) throw functionError(path);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    // Like JSON.stringify: a field without a value is left out rather than set to null.
    if (item !== undefined) copy[key] = toPlainJson(item, `${path}.${key}`);
  }
  return copy;
}

// JSONata represents lambdas and built-in functions as objects flagged with these markers.
function isJsonataFunction(value: object): boolean {
  return Reflect.get(value, '_jsonata_lambda') === true || Reflect.get(value, '_jsonata_function') === true;
}

function functionError(path: string): NotJsonError {
  const where = path === '$' ? 'the result is a function' : `the result has a function at ${path}`;
  return new NotJsonError(`${where}, which is not a JSON value`);
}
