import { compileExpression } from './compile-expression.js';
import { parseTemplate } from './parse-template.js';

/** A path read from the run scope's root: `steps.fetch.output.body` is `['steps', 'fetch', 'output', 'body']`. */
export interface RootReference {
  /** The plain names of the path from the root, up to the first step that is not one (a predicate, a call). */
  names: string[];
  /** Offset in the source (the template, for templates) where the path starts. */
  position: number;
  /** Where each of `names` stands in the source, backticks included (`` steps.`my-node` ``). */
  spans: { start: number; end: number }[];
}

/** A node of JSONata's parse, as far as this module reads it. */
interface Ast {
  type: string;
  value?: unknown;
  position?: number;
  steps?: Ast[];
  stages?: Ast[];
  predicate?: Ast[];
  lhs?: Ast | Ast[][];
  rhs?: Ast;
  expression?: Ast;
  expressions?: Ast[];
  arguments?: Ast[];
  procedure?: Ast;
  condition?: Ast;
  then?: Ast;
  else?: Ast;
}

/**
 * The paths an expression reads from the root of the run scope (`input.…`, `steps.X.…`,
 * `vars.…`). Only paths evaluated against the root count: names inside a predicate, after a
 * path's first step or inside a function body are relative to something else. An expression
 * that does not parse has none (its syntax error is reported on its own).
 *
 * @example
 * rootReferences('$sum(steps.fetch.output.items.price) > input.limit');
 * // [{ names: ['steps', 'fetch', 'output', 'items', 'price'], position: 5 }, { names: ['input', 'limit'], position: 38 }]
 */
export function rootReferences(source: string): RootReference[] {
  const compiled = compileExpression(source);
  if (!compiled.ok) return [];
  const found: RootReference[] = [];
  visit(compiled.expression.ast() as Ast, found, source);
  return found;
}

/** The same for each `{{ }}` part of a template, positions counted from the template's start. */
export function templateReferences(template: string): RootReference[] {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return [];
  return parsed.parts.flatMap((part) =>
    part.kind === 'expr'
      ? rootReferences(part.source).map((ref) => ({
          names: ref.names,
          position: ref.position + part.offset,
          spans: ref.spans.map((span) => ({ start: span.start + part.offset, end: span.end + part.offset })),
        }))
      : [],
  );
}

function visit(node: Ast | undefined, found: RootReference[], source: string): void {
  if (node === undefined) return;
  switch (node.type) {
    case 'path':
      return visitPath(node, found, source);
    case 'binary':
      visit(node.lhs as Ast, found, source);
      return visit(node.rhs, found, source);
    case 'unary':
      // `{ key: value }` keeps its pairs in lhs; `[a, b]` and `-a` in expressions / expression.
      if (Array.isArray(node.lhs)) {
        for (const [key, value] of node.lhs) {
          visit(key, found, source);
          visit(value, found, source);
        }
      }
      for (const item of node.expressions ?? []) visit(item, found, source);
      return visit(node.expression, found, source);
    case 'condition':
      visit(node.condition, found, source);
      visit(node.then, found, source);
      return visit(node.else, found, source);
    case 'block':
      for (const item of node.expressions ?? []) visit(item, found, source);
      return;
    case 'function':
    case 'partial':
      for (const arg of node.arguments ?? []) visit(arg, found, source);
      return;
    default:
      // Literals, variables, lambdas (their bodies read their own inputs), regexes …
      return;
  }
}

function visitPath(node: Ast, found: RootReference[], source: string): void {
  const [first] = node.steps ?? [];
  if (first === undefined) return;
  if (first.type !== 'name') return visit(first, found, source);
  const names: string[] = [];
  const spans: RootReference['spans'] = [];
  for (const step of node.steps ?? []) {
    if (step.type !== 'name' || typeof step.value !== 'string') break;
    names.push(step.value);
    spans.push(spanOf(step.value, step.position ?? 0, source));
    if ((step.stages?.length ?? 0) > 0 || (step.predicate?.length ?? 0) > 0) break;
  }
  found.push({ names, position: spans[0]?.start ?? 0, spans });
}

/** JSONata gives a name token's end; a quoted name (`` `my-node` ``) has its backticks before it. */
function spanOf(name: string, end: number, source: string): { start: number; end: number } {
  const quoted = source[end - 1] === '`';
  return { start: Math.max(0, end - name.length - (quoted ? 2 : 0)), end };
}
