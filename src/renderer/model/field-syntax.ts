import type { NodeKind } from '#shared';

export type FieldSyntax = 'expression' | 'template' | 'code';

/**
 * Which string fields are JSONata expressions and which are `{{ }}` templates (DESIGN §2).
 * Paths are relative to `config`; `*` stands for any key of a record, `[]` for any item.
 * The engine's `expressionFields` checks the same fields; field-syntax.test.ts keeps the two
 * in step.
 */
export const FIELD_SYNTAX: Partial<Record<NodeKind, Readonly<Record<string, FieldSyntax>>>> = {
  end: { output: 'expression' },
  fail: { message: 'template' },
  transform: { output: 'expression', 'assign.*': 'expression' },
  script: { code: 'code' },
  http: { url: 'template', 'headers.*': 'template', body: 'expression' },
  delay: { ms: 'expression', until: 'expression' },
  log: { message: 'template' },
  condition: { when: 'expression' },
  switch: { 'cases[].when': 'expression' },
  approval: { title: 'template', description: 'template' },
  subflow: { input: 'expression' },
  forEach: { items: 'expression' },
};

/** An edge's `when` (only on edges leaving a parallel node). */
export const EDGE_WHEN_SYNTAX: FieldSyntax = 'expression';

export function fieldSyntax(kind: NodeKind, path: string): FieldSyntax | undefined {
  return FIELD_SYNTAX[kind]?.[path];
}
