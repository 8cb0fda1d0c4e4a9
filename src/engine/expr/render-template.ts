import { SwitchyardError } from '#shared';
import type { ExprSite } from './expression-errors.js';
import type { ExprEnv, ExprScope, SyntaxCheck } from './expr-types.js';
import { parseTemplate } from './parse-template.js';
import { checkAt, compileAt, evaluateAt } from './run-expression.js';

/**
 * Checks that every `{{ expression }}` in a template is valid JSONata and that no `{{` is left
 * unclosed. Positions count from the start of the template.
 *
 * @example
 * checkTemplate('Approve {{ input.amount }}?'); // { ok: true }
 * checkTemplate('Approve {{ input.amount ?');   // { ok: false, position: 8, message: 'unclosed "{{" at position 8: ...' }
 */
export function checkTemplate(source: string): SyntaxCheck {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return { ok: false, message: parsed.message, position: parsed.position };
  for (const part of parsed.parts) {
    if (part.kind !== 'expr') continue;
    const check = checkAt(part.source, siteOfPart(part.raw, part.offset));
    if (!check.ok) return check;
  }
  return { ok: true };
}

/**
 * Replaces each `{{ expression }}` with its value: strings as they are, `null` as nothing,
 * numbers and booleans via String, objects and arrays as JSON. Always returns a string.
 * Throws SwitchyardError BAD_EXPRESSION (syntax, checked for every part before any is
 * evaluated) or EXPRESSION_FAILED.
 *
 * @example
 * await renderTemplate('Approve {{ input.amount }}?', { input: { amount: 1500 }, vars: {}, steps: {} }, env);
 * // 'Approve 1500?'
 */
export async function renderTemplate(source: string, scope: ExprScope, env: ExprEnv): Promise<string> {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new SwitchyardError('BAD_EXPRESSION', parsed.message);
  const compiled = parsed.parts.map((part) => {
    if (part.kind === 'text') return part;
    const site = siteOfPart(part.raw, part.offset);
    return { kind: 'expr' as const, site, expression: compileAt(part.source, site) };
  });
  let rendered = '';
  // One part at a time, in order: $random() draws must come out in the same order on every replay.
  for (const part of compiled) {
    rendered +=
      part.kind === 'text' ? part.text : stringifyValue(await evaluateAt(part.expression, scope, env, part.site));
  }
  return rendered;
}

function siteOfPart(raw: string, offset: number): ExprSite {
  return { quoted: raw, offset };
}

function stringifyValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return value === null ? '' : JSON.stringify(value);
    default:
      return '';
  }
}
