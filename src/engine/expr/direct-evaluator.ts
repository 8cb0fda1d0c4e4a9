import type { CompiledExpression } from './compile-expression.js';
import type { ExprScope } from './expr-types.js';

/** What a direct evaluator returns when the values at hand need JSONata's full semantics. */
export const NEEDS_JSONATA: unique symbol = Symbol('needs JSONata');

/** Evaluates one expression synchronously, or answers NEEDS_JSONATA. */
export type DirectEvaluator = (scope: ExprScope) => unknown;

type Evaluator = (input: unknown) => unknown;

/** A node of JSONata's parsed expression (`expression.ast()`), as far as this module reads it. */
interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  lhs?: AstNode;
  rhs?: AstNode;
  expression?: AstNode;
  expressions?: AstNode[];
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
}

const cache = new WeakMap<CompiledExpression, DirectEvaluator | null>();

/**
 * Most expressions in workflows are paths, literals, arithmetic, comparisons and `and`/`or`
 * (`input.amount > 1000`, `vars.i + 1`). JSONata evaluates each through a chain of async
 * calls, which dominates a step's cost; this evaluates that subset directly from JSONata's
 * own parse. Anything outside it, and any value it does not handle exactly as JSONata does
 * (arrays, type errors, non-finite numbers …), goes to JSONata: the answer is always JSONata's.
 */
export function directEvaluatorFor(expression: CompiledExpression): DirectEvaluator | undefined {
  let direct = cache.get(expression);
  if (direct === undefined) {
    const evaluator = compileNode(expression.ast() as AstNode);
    direct = evaluator ?? null;
    cache.set(expression, direct);
  }
  return direct ?? undefined;
}

const ALLOWED_KEYS: Readonly<Record<string, readonly string[]>> = {
  path: ['type', 'steps', 'position'],
  name: ['type', 'value', 'position'],
  string: ['type', 'value', 'position'],
  number: ['type', 'value', 'position'],
  value: ['type', 'value', 'position'],
  binary: ['type', 'value', 'position', 'lhs', 'rhs'],
  unary: ['type', 'value', 'position', 'expression'],
  condition: ['type', 'position', 'condition', 'then', 'else'],
  block: ['type', 'position', 'expressions'],
};

/** Only plain nodes: predicates, grouping, focus, `[]` and the like leave a key this list does not know. */
function isPlain(node: AstNode): boolean {
  const allowed = ALLOWED_KEYS[node.type];
  return allowed !== undefined && Object.keys(node).every((key) => allowed.includes(key));
}

function compileNode(node: AstNode): Evaluator | undefined {
  if (!isPlain(node)) return undefined;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value': {
      const { value } = node;
      return () => value;
    }
    case 'path':
      return compilePath(node.steps ?? []);
    case 'binary':
      return compileBinary(node);
    case 'unary':
      return node.value === '-' && node.expression ? compileNegation(node.expression) : undefined;
    case 'condition':
      return compileCondition(node);
    case 'block':
      return node.expressions?.length === 1 && node.expressions[0] ? compileNode(node.expressions[0]) : undefined;
    default:
      return undefined;
  }
}

function compilePath(steps: AstNode[]): Evaluator | undefined {
  const names: string[] = [];
  for (const step of steps) {
    if (step.type !== 'name' || !isPlain(step) || typeof step.value !== 'string') return undefined;
    names.push(step.value);
  }
  if (names.length === 0) return undefined;
  return (input) => {
    let current = input;
    for (const name of names) {
      if (current === undefined) return undefined;
      // JSONata maps paths over arrays (sequences, flattening): that is its to do.
      if (Array.isArray(current)) return NEEDS_JSONATA;
      if (current === null || typeof current !== 'object') return undefined;
      current = Object.prototype.hasOwnProperty.call(current, name)
        ? (current as Record<string, unknown>)[name]
        : undefined;
    }
    return Array.isArray(current) || typeof current === 'function' ? NEEDS_JSONATA : current;
  };
}

const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const COMPARISON: Readonly<Record<string, (a: number | string, b: number | string) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function compileBinary(node: AstNode): Evaluator | undefined {
  const op = node.value;
  if (typeof op !== 'string' || !node.lhs || !node.rhs) return undefined;
  const lhs = compileNode(node.lhs);
  const rhs = compileNode(node.rhs);
  if (!lhs || !rhs) return undefined;
  const arithmetic = ARITHMETIC[op];
  if (arithmetic)
    return (input) => {
      const a = lhs(input);
      const b = rhs(input);
      if (a === NEEDS_JSONATA || b === NEEDS_JSONATA) return NEEDS_JSONATA;
      if (!isFiniteNumberOrUndefined(a) || !isFiniteNumberOrUndefined(b)) return NEEDS_JSONATA;
      if (a === undefined || b === undefined) return undefined;
      const result = arithmetic(a, b);
      return Number.isFinite(result) ? result : NEEDS_JSONATA;
    };
  const comparison = COMPARISON[op];
  if (comparison)
    return (input) => {
      const a = lhs(input);
      const b = rhs(input);
      const comparable =
        (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
      return comparable ? comparison(a, b) : NEEDS_JSONATA;
    };
  if (op === '=' || op === '!=')
    return (input) => {
      const a = lhs(input);
      const b = rhs(input);
      if (a === NEEDS_JSONATA || b === NEEDS_JSONATA) return NEEDS_JSONATA;
      if (a === undefined || b === undefined) return false;
      if (isCompound(a) || isCompound(b)) return NEEDS_JSONATA;
      return op === '=' ? a === b : a !== b;
    };
  if (op === 'and' || op === 'or')
    return (input) => {
      const a = truthOf(lhs(input));
      // Short-circuit like JSONata: the right side is not evaluated when the left decides.
      if (a === NEEDS_JSONATA || (op === 'and' ? !a : a)) return a;
      return truthOf(rhs(input));
    };
  if (op === '&')
    return (input) => {
      const a = lhs(input);
      const b = rhs(input);
      if ((a !== undefined && typeof a !== 'string') || (b !== undefined && typeof b !== 'string'))
        return NEEDS_JSONATA;
      return (a ?? '') + (b ?? '');
    };
  return undefined;
}

function compileNegation(operand: AstNode): Evaluator | undefined {
  const inner = compileNode(operand);
  if (!inner) return undefined;
  return (input) => {
    const value = inner(input);
    if (value === undefined) return undefined;
    return typeof value === 'number' && Number.isFinite(value) ? -value : NEEDS_JSONATA;
  };
}

function compileCondition(node: AstNode): Evaluator | undefined {
  if (!node.condition || !node.then) return undefined;
  const test = compileNode(node.condition);
  const then = compileNode(node.then);
  const otherwise = node.else === undefined ? () => undefined : compileNode(node.else);
  if (!test || !then || !otherwise) return undefined;
  return (input) => {
    const truth = truthOf(test(input));
    if (truth === NEEDS_JSONATA) return NEEDS_JSONATA;
    return truth ? then(input) : otherwise(input);
  };
}

/** JSONata's boolean cast (`$boolean`) for scalars; arrays and objects are left to JSONata. */
function truthOf(value: unknown): boolean | typeof NEEDS_JSONATA {
  if (value === NEEDS_JSONATA || isCompound(value) || typeof value === 'function') return NEEDS_JSONATA;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value !== 0 : NEEDS_JSONATA;
  return value === true;
}

function isCompound(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumberOrUndefined(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}
