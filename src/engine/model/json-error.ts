/** Where and why `text` is not valid JSON; undefined when it is valid. */
export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * JSON.parse's messages and positions differ between engines (Node 20 often gives no
 * position at all), so the first error is located with a small scanner of our own.
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  try {
    const end = skipWs(text, value(text, skipWs(text, 0)));
    if (end < text.length) throw new JsonSyntax(end, `unexpected ${describe(text, end)} after the end of the document`);
    return undefined;
  } catch (err) {
    if (!(err instanceof JsonSyntax)) throw err;
    return { ...lineColumn(text, err.offset), offset: err.offset, reason: err.reason };
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describe(text: string, i: number): string {
  const ch = text[i];
  return ch === undefined ? 'end of input' : `character ${JSON.stringify(ch)}`;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  return i;
}

function expect(text: string, i: number, ch: string, what: string): number {
  if (text[i] !== ch) throw new JsonSyntax(i, `expected ${what} but found ${describe(text, i)}`);
  return i + 1;
}

function value(text: string, i: number): number {
  const ch = text[i];
  if (ch === '{') return object(text, i + 1);
  if (ch === '[') return array(text, i + 1);
  if (ch === '"') return string(text, i + 1);
  if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  throw new JsonSyntax(i, `expected a value but found ${describe(text, i)}`);
}

function object(text: string, i: number): number {
  i = skipWs(text, i);
  if (text[i] === '}') return i + 1;
  for (;;) {
    if (text[i] !== '"')
      throw new JsonSyntax(i, `expected a property name in double quotes but found ${describe(text, i)}`);
    i = skipWs(text, string(text, i + 1));
    i = skipWs(text, expect(text, i, ':', '":"'));
    i = skipWs(text, value(text, i));
    if (text[i] === '}') return i + 1;
    i = skipWs(text, expect(text, i, ',', '"," or "}"'));
  }
}

function array(text: string, i: number): number {
  i = skipWs(text, i);
  if (text[i] === ']') return i + 1;
  for (;;) {
    i = skipWs(text, value(text, i));
    if (text[i] === ']') return i + 1;
    i = skipWs(text, expect(text, i, ',', '"," or "]"'));
  }
}

function string(text: string, i: number): number {
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw new JsonSyntax(i, 'unterminated string');
    if (ch === '"') return i + 1;
    if (ch < ' ') throw new JsonSyntax(i, 'control character in string (escape it)');
    if (ch === '\\') {
      const esc = text[i + 1];
      if (esc === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonSyntax(i, 'bad \\u escape in string');
        i += 6;
        continue;
      }
      if (esc === undefined || !'"\\/bfnrt'.includes(esc)) throw new JsonSyntax(i, 'bad escape in string');
      i += 2;
      continue;
    }
    i++;
  }
}

function number(text: string, i: number): number {
  const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
  if (match === null) throw new JsonSyntax(i, 'bad number');
  return i + match[0].length;
}
