import { checkExpression, checkTemplate } from '#engine';
import type { FieldSyntax } from '../model/field-syntax.js';

export interface SyntaxDiagnostic {
  from: number;
  to: number;
  message: string;
}

/**
 * The syntax error of an expression or template, located on the offending token (JSONata
 * reports the position just after it). Code (script bodies) is not checked here.
 */
export function syntaxDiagnostics(source: string, syntax: FieldSyntax): SyntaxDiagnostic[] {
  if (syntax === 'code') return [];
  if (syntax === 'expression' && source.trim() === '') return [];
  const result = syntax === 'template' ? checkTemplate(source) : checkExpression(source);
  if (result.ok) return [];
  const position = Math.max(0, Math.min(result.position ?? source.length, source.length));
  const message = result.message.replace(/ in "[\s\S]*"$/, '');
  if (/^unclosed "\{\{"/.test(result.message))
    return [{ from: position, to: Math.min(source.length, position + 2), message }];
  let from = Math.max(0, position - 1);
  while (from > 0 && /[\w$]/.test(source.charAt(from - 1)) && /[\w$]/.test(source.charAt(from))) from--;
  return [{ from, to: Math.max(from, position), message }];
}
