export interface JsonToken {
  kind: 'key' | 'string' | 'number' | 'keyword' | 'punct' | 'space';
  text: string;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:])|(\s+)/g;

/** Splits formatted JSON into tokens for colouring (keys, strings, numbers, keywords, punctuation). */
export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    if (at > last) tokens.push({ kind: 'punct', text: text.slice(last, at) });
    const [whole, str, colon, num, keyword, punct] = match;
    if (str !== undefined) {
      tokens.push({ kind: colon !== undefined ? 'key' : 'string', text: str });
      if (colon !== undefined) tokens.push({ kind: 'punct', text: colon });
    } else if (num !== undefined) tokens.push({ kind: 'number', text: num });
    else if (keyword !== undefined) tokens.push({ kind: 'keyword', text: keyword });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: punct });
    else tokens.push({ kind: 'space', text: whole });
    last = at + whole.length;
  }
  if (last < text.length) tokens.push({ kind: 'punct', text: text.slice(last) });
  return tokens;
}
