import jsonata from 'jsonata';
import { jsonLongerThan, LIMITS } from '#shared';

/**
 * JSONata builtins that can build huge values from small arguments, or take seconds over large
 * ones, in one native call that the evaluation's time check cannot interrupt: `$pad("x", 1e8)`
 * spends seconds and gigabytes, `$sort` of ten million items exhausts the heap. Each is
 * registered on every compiled expression with JSONata's own signature, checks its arguments
 * against LIMITS first, then delegates to JSONata's own function (same behaviour otherwise).
 */
interface BoundedBuiltin {
  name: string;
  /** JSONata's signature of the builtin (so context values and argument checks stay the same). */
  signature: string;
  /** Throws when the call would go past a limit. */
  check(args: readonly unknown[]): void;
}

const STRING_LIMIT = `${LIMITS.expressionStringChars} characters a string may have (limit expressionStringChars)`;

function refuse(message: string): never {
  throw new Error(message);
}

/** Refuses `items` (the array argument of `$name`) when longer than LIMITS[limit]. */
export function checkArrayItems(
  name: string,
  items: unknown,
  limit: 'expressionArrayItems' | 'expressionDistinctItems' = 'expressionArrayItems',
): void {
  const max = LIMITS[limit];
  if (Array.isArray(items) && items.length > max)
    refuse(`$${name}: ${items.length} items are more than the ${max} it takes (limit ${limit})`);
}

const BUILTINS: readonly BoundedBuiltin[] = [
  {
    name: 'pad',
    signature: '<s-ns?:s>',
    check([, width]) {
      if (typeof width === 'number' && Math.abs(width) > LIMITS.expressionStringChars)
        refuse(`$pad: a width of ${width} is more than the ${STRING_LIMIT}`);
    },
  },
  {
    name: 'string',
    signature: '<x-b?:s>',
    check([value]) {
      if (typeof value !== 'string' && jsonLongerThan(value, LIMITS.expressionStringChars))
        refuse(`$string: the text of this value would be more than the ${STRING_LIMIT}`);
    },
  },
  {
    name: 'join',
    signature: '<a<s>s?:s>',
    check([items, separator]) {
      if (!Array.isArray(items)) return;
      const gap = typeof separator === 'string' ? separator.length : 0;
      let size = 0;
      for (const item of items) {
        size += (typeof item === 'string' ? item.length : 0) + gap;
        if (size > LIMITS.expressionStringChars)
          refuse(`$join: the joined text would be more than the ${STRING_LIMIT}`);
      }
    },
  },
  {
    name: 'replace',
    signature: '<s-(sf)(sf)n?:s>',
    check([text, pattern, replacement]) {
      if (typeof text !== 'string' || typeof replacement !== 'string') return;
      // A string pattern's matches are counted; a regex may match at every position.
      const matches = typeof pattern === 'string' && pattern !== '' ? text.split(pattern).length - 1 : text.length + 1;
      if (text.length + matches * replacement.length > LIMITS.expressionStringChars)
        refuse(`$replace: the result could be more than the ${STRING_LIMIT}`);
    },
  },
  {
    name: 'sort',
    signature: '<af?:a>',
    check: ([items]) => checkArrayItems('sort', items),
  },
  {
    name: 'reverse',
    signature: '<a:a>',
    check: ([items]) => checkArrayItems('reverse', items),
  },
  // Compares every item with every other one.
  {
    name: 'distinct',
    signature: '<x:x>',
    check: ([items]) => checkArrayItems('distinct', items, 'expressionDistinctItems'),
  },
];

/** A JSONata function value, as an expression naming a builtin evaluates to. */
interface JsonataFunction {
  implementation: (this: unknown, ...args: unknown[]) => unknown;
}

const originals = new Map<string, JsonataFunction>();

/** JSONata's own function `$name` (evaluating `$name` alone gives the function itself). */
async function original(name: string): Promise<JsonataFunction> {
  let found = originals.get(name);
  if (found === undefined) {
    found = (await jsonata(`$${name}`).evaluate(null)) as JsonataFunction;
    originals.set(name, found);
  }
  return found;
}

/** Registers the bounded builtins on a freshly compiled expression. */
export function registerBoundedBuiltins(expression: jsonata.Expression): void {
  for (const builtin of BUILTINS) {
    expression.registerFunction(
      builtin.name,
      // JSONata calls a function with its evaluation context as `this`, which the originals may read.
      function (this: unknown, ...args: unknown[]) {
        builtin.check(args);
        const known = originals.get(builtin.name);
        if (known !== undefined) return known.implementation.apply(this, args);
        return original(builtin.name).then((found) => found.implementation.apply(this, args));
      },
      builtin.signature,
    );
  }
}
