import {
  checkExpression,
  checkTemplate,
  evaluateExpression,
  renderTemplate,
  secretScope,
  seededRandom,
  type ExprEnv,
  type ExprScope,
} from '#engine';

/** What a secret reads as in a preview: the page never has secret values, and never asks for one. */
export const SECRET_MASK = '***';

export type PreviewSyntax = 'expression' | 'template';

export type PreviewResult =
  /** `secrets`: the secrets the text read, each shown as SECRET_MASK (resolved only at run time). */
  | { ok: true; value: unknown; secrets: readonly string[] }
  | { ok: false; kind: 'syntax' | 'evaluation'; message: string };

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Evaluates an expression or template as the engine would for a node (the engine's own
 * evaluateExpression / renderTemplate, same JSONata, limits and errors), against `scope`.
 * Secret references (`secret.NAME`, `$secret('NAME')`) are never resolved: each reads as
 * `***` and is listed in `secrets`. `$now()` is the page's clock and `$random()` a fixed
 * seed, so the value stays put while one types.
 *
 * @example
 * await evaluatePreview('"Bearer " & secret.API_TOKEN', 'expression', scope);
 * // { ok: true, value: 'Bearer ***', secrets: ['API_TOKEN'] }
 */
export async function evaluatePreview(
  text: string,
  syntax: PreviewSyntax,
  scope: ExprScope,
  now: () => number = Date.now,
): Promise<PreviewResult> {
  const check = syntax === 'template' ? checkTemplate(text) : checkExpression(text);
  if (!check.ok) return { ok: false, kind: 'syntax', message: check.message };
  const secrets = new Set<string>();
  const masked = (name: string): string => {
    secrets.add(name);
    return SECRET_MASK;
  };
  const env: ExprEnv = { now, random: seededRandom('expression-preview'), secret: masked };
  const previewScope: ExprScope = { ...scope, secret: secretScope(masked) };
  try {
    const value =
      syntax === 'template'
        ? await renderTemplate(text, previewScope, env)
        : await evaluateExpression(text, previewScope, env);
    return { ok: true, value, secrets: [...secrets] };
  } catch (err) {
    return { ok: false, kind: 'evaluation', message: messageOf(err) };
  }
}

/** A preview value on one line: templates as their text, expression values as compact JSON. */
export function previewText(value: unknown, syntax: PreviewSyntax): string {
  if (syntax === 'template' && typeof value === 'string') return value;
  return JSON.stringify(value) ?? 'null';
}
