import { kindSpec, type WorkflowNode } from '#shared';
import { checkExpression, checkTemplate } from '../expr/index.js';
import { edgeRef, type Problem } from './problem.js';
import type { WorkflowGraph } from './workflow-graph.js';

interface Field {
  field: string;
  source: string;
  template: boolean;
}

/**
 * The expression and template fields of a node, with their paths (`config.assign.total`,
 * `config.cases[0].when`), from its kind's `fields` in the registry. Values that are not
 * strings (a delay's `ms` as a number) are not expressions.
 */
export function expressionFields(node: WorkflowNode): Field[] {
  const fields: Field[] = [];
  mapExpressionFields(node, (field) => {
    fields.push(field);
    return field.source;
  });
  return fields;
}

/**
 * The node with each expression and template field replaced by what `change` makes of it (the
 * same node object when nothing changed): how a rename rewrites references.
 */
export function mapExpressionFields<N extends WorkflowNode>(node: N, change: (field: Field) => string): N {
  let config: unknown = node.config;
  for (const [pattern, syntax] of Object.entries(kindSpec(node.kind).fields)) {
    if (syntax === 'code') continue;
    config = mapStringsAt(config, pattern.split('.'), 'config', (path, value) =>
      change({ field: path, source: value, template: syntax === 'template' }),
    );
  }
  return config === node.config ? node : { ...node, config };
}

function mapStringsAt(
  value: unknown,
  segments: readonly string[],
  path: string,
  change: (path: string, value: string) => string,
): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return typeof value === 'string' ? change(path, value) : value;
  if (!isRecord(value)) return value;
  const replace = (key: string, next: unknown): Record<string, unknown> =>
    next === value[key] ? value : { ...value, [key]: next };
  if (head === '*') {
    let out = value;
    for (const [key, item] of Object.entries(value)) {
      const next = mapStringsAt(item, rest, `${path}.${key}`, change);
      if (next !== item) out = { ...out, [key]: next };
    }
    return out;
  }
  if (!head.endsWith('[]')) return replace(head, mapStringsAt(value[head], rest, `${path}.${head}`, change));
  const key = head.slice(0, -2);
  const list: unknown = value[key];
  if (!Array.isArray(list)) return value;
  const mapped = list.map((item: unknown, i) => mapStringsAt(item, rest, `${path}.${key}[${i}]`, change));
  return mapped.every((item, i) => item === list[i]) ? value : { ...value, [key]: mapped };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every expression and template parses; a syntax error names the node (or edge) and field. */
export function checkExpressions(graph: WorkflowGraph): Problem[] {
  const problems: Problem[] = [];
  for (const node of graph.doc.nodes) {
    for (const { field, source, template } of expressionFields(node)) {
      const result = template ? checkTemplate(source) : checkExpression(source);
      if (!result.ok) {
        problems.push({
          severity: 'error',
          code: 'BAD_EXPRESSION',
          node: node.id,
          field,
          message: `${field}: ${result.message}`,
        });
      }
    }
  }
  for (const edge of graph.doc.edges) {
    if (edge.when === undefined) continue;
    const result = checkExpression(edge.when);
    if (!result.ok) {
      problems.push({
        severity: 'error',
        code: 'BAD_EXPRESSION',
        edge: edgeRef(edge),
        field: 'when',
        message: `when: ${result.message}`,
      });
    }
  }
  return problems;
}
