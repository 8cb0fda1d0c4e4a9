import { rootReferences, templateReferences, type RootReference } from './root-references.js';

/** A node id as a JSONata name: plain when it can be, else in backticks (`` `my-node` ``). */
function asName(id: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? id : `\`${id}\``;
}

/** Where `steps.ID` names node `id` in `refs`: the spans of the ID part. */
function stepSpans(refs: readonly RootReference[], id: string): { start: number; end: number }[] {
  return refs.flatMap((ref) => (ref.names[0] === 'steps' && ref.names[1] === id && ref.spans[1] ? [ref.spans[1]] : []));
}

/** Whether an expression (or template) reads `steps.ID` of node `id`. */
export function readsStep(source: string, template: boolean, id: string): boolean {
  return stepSpans(template ? templateReferences(source) : rootReferences(source), id).length > 0;
}

/**
 * `source` with every `steps.FROM` read from the root rewritten to `steps.TO`, and nothing else
 * touched (a `steps.FROM` inside a string, a predicate's relative path, another node's field).
 *
 * @example
 * renameStep("steps.fetch.output.body & ' ' & 'steps.fetch'", false, 'fetch', 'get-invoice');
 * // "steps.`get-invoice`.output.body & ' ' & 'steps.fetch'"
 */
export function renameStep(source: string, template: boolean, from: string, to: string): string {
  const spans = stepSpans(template ? templateReferences(source) : rootReferences(source), from);
  let out = source;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, span.start)}${asName(to)}${out.slice(span.end)}`;
  }
  return out;
}
