import { edgeRef, locationPrefix, type Problem } from '#engine';
import type { WorkflowEdge } from '#shared';
import type { Diagnostics } from './flow-types.js';

export const NO_DIAGNOSTICS: Diagnostics = { errors: [], warnings: [], key: '' };

export interface ProblemIndex {
  readonly nodes: ReadonlyMap<string, Diagnostics>;
  /** By edgeRef (the edge's id, else `from->to`). */
  readonly edges: ReadonlyMap<string, Diagnostics>;
}

/** Groups problems by the node or edge they point at (problems inside subflows point at nothing here). */
export function indexProblems(problems: readonly Problem[]): ProblemIndex {
  const nodes = new Map<string, { errors: string[]; warnings: string[] }>();
  const edges = new Map<string, { errors: string[]; warnings: string[] }>();
  for (const problem of problems) {
    if (problem.subflow !== undefined) continue;
    const target =
      problem.node !== undefined
        ? bucket(nodes, problem.node)
        : problem.edge !== undefined
          ? bucket(edges, problem.edge)
          : undefined;
    if (target === undefined) continue;
    (problem.severity === 'error' ? target.errors : target.warnings).push(problem.message);
  }
  return { nodes: freeze(nodes), edges: freeze(edges) };
}

export function edgeDiagnostics(index: ProblemIndex, edge: WorkflowEdge): Diagnostics {
  return index.edges.get(edgeRef(edge)) ?? NO_DIAGNOSTICS;
}

function bucket(
  map: Map<string, { errors: string[]; warnings: string[] }>,
  key: string,
): { errors: string[]; warnings: string[] } {
  let entry = map.get(key);
  if (entry === undefined) {
    entry = { errors: [], warnings: [] };
    map.set(key, entry);
  }
  return entry;
}

function freeze(map: Map<string, { errors: string[]; warnings: string[] }>): Map<string, Diagnostics> {
  const out = new Map<string, Diagnostics>();
  for (const [id, { errors, warnings }] of map) {
    out.set(id, { errors, warnings, key: `${errors.join('\n')}\u0000${warnings.join('\n')}` });
  }
  return out;
}

/** Problems that belong to one field of one node (the field itself or anything inside it). */
export function fieldProblems(
  problems: readonly Problem[],
  owner: { node?: string; edge?: string },
  field: string,
): Problem[] {
  return problems.filter(
    (p) =>
      p.subflow === undefined &&
      (owner.node !== undefined ? p.node === owner.node : p.edge === owner.edge) &&
      p.field !== undefined &&
      (p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`)),
  );
}

/**
 * Why the design cannot run as it stands: how many errors it has and the first one, or
 * undefined when it has none (warnings never stop a run).
 */
export function runBlockedReason(problems: readonly Problem[]): string | undefined {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (first === undefined) return undefined;
  const count = errors.length === 1 ? 'its error' : `its ${errors.length} errors`;
  return `Fix ${count} before running (see Problems): ${locationPrefix(first)}${first.message}`;
}
