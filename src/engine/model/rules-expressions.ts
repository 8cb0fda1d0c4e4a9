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
  return Object.entries(kindSpec(node.kind).fields).flatMap(([pattern, syntax]) =>
    syntax === 'code'
      ? []
      : stringsAt(node.config, pattern.split('.'), 'config').map(({ path, value }) => ({
          field: path,
          source: value,
          template: syntax === 'template',
        })),
  );
}

function stringsAt(value: unknown, segments: readonly string[], path: string): { path: string; value: string }[] {
  const [head, ...rest] = segments;
  if (head === undefined) return typeof value === 'string' ? [{ path, value }] : [];
  if (!isRecord(value)) return [];
  if (head === '*') return Object.entries(value).flatMap(([key, item]) => stringsAt(item, rest, `${path}.${key}`));
  if (!head.endsWith('[]')) return stringsAt(value[head], rest, `${path}.${head}`);
  const key = head.slice(0, -2);
  const list: unknown = value[key];
  return Array.isArray(list) ? list.flatMap((item, i) => stringsAt(item, rest, `${path}.${key}[${i}]`)) : [];
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
