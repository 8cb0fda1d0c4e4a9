import { describe, expect, it } from 'vitest';
import { syntaxDiagnostics } from './expression-lint.js';

describe('syntaxDiagnostics', () => {
  it('is empty for valid expressions, templates and code', () => {
    expect(syntaxDiagnostics('input.amount > 1000', 'expression')).toEqual([]);
    expect(syntaxDiagnostics('Approve {{ input.amount }}?', 'template')).toEqual([]);
    expect(syntaxDiagnostics('return (', 'code')).toEqual([]);
    expect(syntaxDiagnostics('', 'expression')).toEqual([]);
  });

  it('underlines the offending token of an expression, with a message that does not repeat the source', () => {
    const [d] = syntaxDiagnostics('foo bar', 'expression');
    expect(d).toEqual({ from: 4, to: 7, message: 'syntax error at position 7: unexpected token "bar"' });
    const [end] = syntaxDiagnostics('input.amount >', 'expression');
    expect(end).toMatchObject({ from: 13, to: 14 });
  });

  it('locates errors inside a template part and unclosed braces', () => {
    const source = 'ok {{ a }} {{ b = = }}';
    const [d] = syntaxDiagnostics(source, 'template');
    expect(source.slice(d!.from, d!.to)).toBe('=');
    expect(d!.from).toBe(18);
    const [open] = syntaxDiagnostics('Hi {{ input', 'template');
    expect(open).toMatchObject({ from: 3, to: 5 });
    expect(open?.message).toMatch(/unclosed "\{\{"/);
  });
});
