import type { Workflow } from '#shared';
import { readsStep, renameStep } from '../expr/rename-step.js';
import { edgeRef } from './problem.js';
import { expressionFields, mapExpressionFields } from './rules-expressions.js';

/** A field that reads `steps.ID`: on a node, or on an edge (its `when`). */
export interface StepReference {
  node?: string;
  edge?: string;
  field: string;
}

/**
 * Every expression and template field of the document that reads `steps.ID` (the inspector's
 * "referenced by" list).
 *
 * @example
 * referencesTo(doc, 'fetch'); // [{ node: 'check', field: 'config.when' }, { node: 'boss', field: 'config.title' }]
 */
export function referencesTo(doc: Workflow, id: string): StepReference[] {
  const found: StepReference[] = [];
  for (const node of doc.nodes) {
    for (const { field, source, template } of expressionFields(node)) {
      if (readsStep(source, template, id)) found.push({ node: node.id, field });
    }
  }
  for (const edge of doc.edges) {
    if (edge.when !== undefined && readsStep(edge.when, false, id)) found.push({ edge: edgeRef(edge), field: 'when' });
  }
  return found;
}

/** The document with every `steps.FROM` in its expressions, templates and edge conditions read as `steps.TO`. */
export function renameStepReferences(doc: Workflow, from: string, to: string): Workflow {
  const nodes = doc.nodes.map((node) =>
    mapExpressionFields(node, ({ source, template }) => renameStep(source, template, from, to)),
  );
  const edges = doc.edges.map((edge) => {
    if (edge.when === undefined) return edge;
    const when = renameStep(edge.when, false, from, to);
    return when === edge.when ? edge : { ...edge, when };
  });
  return { ...doc, nodes, edges };
}
