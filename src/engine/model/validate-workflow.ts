import type { Workflow } from '#shared';
import { inputSchemaProblems } from './input-schema.js';
import { inSubflow, type Problem } from './problem.js';
import { checkExpressions } from './rules-expressions.js';
import { checkReferences } from './rules-references.js';
import { checkNodeSettings, checkTimeoutEdges } from './rules-nodes.js';
import { checkLiteralSecrets } from './rules-secrets.js';
import { checkEdges, checkNodes, checkReachable } from './rules-structure.js';
import { checkTriggers } from './rules-triggers.js';
import { graphOf } from './workflow-graph.js';

/** Every workflow id a subflow/forEach node anywhere in the document may name. */
export function workflowIds(doc: Workflow): Set<string> {
  const ids = new Set<string>([doc.id]);
  for (const sub of doc.subflows ?? []) for (const id of workflowIds(sub)) ids.add(id);
  return ids;
}

/**
 * Semantic checks of a document that already has the right shape: errors and warnings,
 * subflows included (their problems read `subflow ID: node X: ...`).
 *
 * @example
 * const problems = validateWorkflow(doc);
 * const valid = !problems.some((p) => p.severity === 'error');
 */
export function validateWorkflow(doc: Workflow): Problem[] {
  return validateIn(doc, workflowIds(doc));
}

// Export puts every referenced workflow at the top of `subflows`, so a subflow may name
// any workflow of the whole document, not only its own nested ones.
function validateIn(doc: Workflow, ids: ReadonlySet<string>): Problem[] {
  const graph = graphOf(doc);
  const problems = [
    ...checkNodes(graph),
    ...checkEdges(graph),
    ...checkNodeSettings(graph, ids),
    ...checkExpressions(graph),
    ...checkReferences(graph),
    ...graph.blockProblems,
    ...checkReachable(graph),
    ...checkTimeoutEdges(graph),
    ...checkInputSchema(doc),
    ...checkLiteralSecrets(graph),
    ...checkTriggers(doc),
  ];
  for (const sub of doc.subflows ?? []) {
    problems.push(...validateIn(sub, ids).map((p) => inSubflow(sub.id, p)));
  }
  return problems;
}

/** The workflow's `input` JSON Schema must itself be a JSON Schema (the meta-schema says what is wrong). */
function checkInputSchema(doc: Workflow): Problem[] {
  if (doc.input === undefined) return [];
  return inputSchemaProblems(doc.input).map((message) => ({
    severity: 'error',
    code: 'BAD_INPUT_SCHEMA',
    field: 'input',
    message,
  }));
}

/** Only the errors of validateWorkflow. */
export function workflowErrors(doc: Workflow): Problem[] {
  return validateWorkflow(doc).filter((p) => p.severity === 'error');
}
