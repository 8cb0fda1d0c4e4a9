import type { WorkflowNode } from '#shared';
import { checkExpression, checkTemplate } from '../expr/index.js';
import { edgeRef, type Problem } from './problem.js';
import type { WorkflowGraph } from './workflow-graph.js';

interface Field {
  field: string;
  source: string;
  template: boolean;
}

const expr = (field: string, source: string | undefined): Field[] =>
  source === undefined ? [] : [{ field, source, template: false }];
const tmpl = (field: string, source: string | undefined): Field[] =>
  source === undefined ? [] : [{ field, source, template: true }];
const entries = (record: Record<string, string> | undefined): [string, string][] => Object.entries(record ?? {});

/** The expression and template fields of a node, with their paths. */
export function expressionFields(node: WorkflowNode): Field[] {
  switch (node.kind) {
    case 'end':
      return expr('config.output', node.config?.output);
    case 'fail':
      return tmpl('config.message', node.config.message);
    case 'transform':
      return [
        ...expr('config.output', node.config?.output),
        ...entries(node.config?.assign).flatMap(([name, source]) => expr(`config.assign.${name}`, source)),
      ];
    case 'http':
      return [
        ...tmpl('config.url', node.config.url),
        ...entries(node.config.headers).flatMap(([name, source]) => tmpl(`config.headers.${name}`, source)),
        ...expr('config.body', node.config.body),
      ];
    case 'delay':
      return [
        ...expr('config.ms', typeof node.config.ms === 'string' ? node.config.ms : undefined),
        ...expr('config.until', node.config.until),
      ];
    case 'log':
      return tmpl('config.message', node.config.message);
    case 'condition':
      return expr('config.when', node.config.when);
    case 'switch':
      return node.config.cases.flatMap((c, i) => expr(`config.cases[${i}].when`, c.when));
    case 'approval':
      return [...tmpl('config.title', node.config.title), ...tmpl('config.description', node.config.description)];
    case 'subflow':
      return expr('config.input', node.config.input);
    case 'forEach':
      return expr('config.items', node.config.items);
    case 'start':
    case 'script':
    case 'parallel':
    case 'join':
    case 'wait':
      return [];
  }
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
