export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `offset` is where `source` starts in the template; `raw` is the part with its braces. */
  | { kind: 'expr'; source: string; raw: string; offset: number };

export type TemplateParse = { ok: true; parts: TemplatePart[] } | { ok: false; message: string; position: number };

/**
 * Splits a template into verbatim text and `{{ expression }}` parts. The closing `}}` is
 * found outside JSONata strings and object braces, so `{{ {'a': {'b': 1}} }}` is one part.
 */
export function parseTemplate(template: string): TemplateParse {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf('{{', cursor);
    if (open === -1) break;
    if (open > cursor) parts.push({ kind: 'text', text: template.slice(cursor, open) });
    const start = open + 2;
    const close = findClose(template, start);
    if (close === -1) {
      return { ok: false, message: `unclosed "{{" at position ${open}: end the expression with "}}"`, position: open };
    }
    parts.push({
      kind: 'expr',
      source: template.slice(start, close),
      raw: template.slice(open, close + 2),
      offset: start,
    });
    cursor = close + 2;
  }
  if (cursor < template.length) parts.push({ kind: 'text', text: template.slice(cursor) });
  return { ok: true, parts };
}

/** Index of the `}}` that ends the expression starting at `from`, or -1. */
function findClose(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      i = skipQuoted(text, i, char);
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (char === '{') {
      depth++;
      i++;
    } else if (char === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      if (depth > 0) depth--;
      i++;
    } else {
      i++;
    }
  }
  return -1;
}

// Backtick-quoted field names have no escapes in JSONata; string literals do.
function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && quote !== '`') i += 2;
    else if (char === quote) return i + 1;
    else i++;
  }
  return text.length;
}
