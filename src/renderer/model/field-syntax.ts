import { kindSpec, type FieldSyntax, type NodeKind } from '#shared';

export type { FieldSyntax };

/** An edge's `when` (only on edges leaving a parallel node). */
export const EDGE_WHEN_SYNTAX: FieldSyntax = 'expression';

/**
 * Whether a config string is a JSONata expression, a `{{ }}` template or script code
 * (DESIGN §2), from the kind's `fields` in the registry, which the engine's
 * `expressionFields` reads too. `path` is relative to `config`; `*` stands for any key of a
 * record, `[]` for any item.
 */
export function fieldSyntax(kind: NodeKind, path: string): FieldSyntax | undefined {
  return kindSpec(kind).fields[path];
}
